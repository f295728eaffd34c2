import { DomainError } from '../errors/domain-error';

/**
 * Opaque keyset-pagination cursors (lists of tasks, plans, history, notifications): the last row's
 * keys as base64url JSON. A cursor that does not decode, or that `isValid` does not recognise (made
 * for another list or sort, edited by hand), is refused with 400 INVALID_CURSOR in Vietnamese.
 */
export function encodeCursor<T extends object>(cursor: T): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor<T>(raw: string, isValid: (c: Partial<T> & Record<string, unknown>) => boolean): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!parsed || typeof parsed !== 'object' || !isValid(parsed as Partial<T> & Record<string, unknown>)) {
    throw new DomainError('INVALID_CURSOR', 'Con trỏ phân trang không hợp lệ.');
  }
  return parsed as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The usual key: a timestamp (or date) and the row's uuid. */
export function isTimeAndId(c: Record<string, unknown>, timeKey: string): boolean {
  const t = c[timeKey];
  return typeof t === 'string' && !Number.isNaN(Date.parse(t)) && typeof c.id === 'string' && UUID.test(c.id);
}
