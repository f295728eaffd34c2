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

const DATE_OR_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * A calendar date `YYYY-MM-DD` or an ISO instant as the lists write them, that Postgres reads as
 * the same position: a real day (not 30 February, which Date.parse rolls over), a real time of
 * day, a year Postgres and people agree on (1000–9999).
 */
export function isCursorTime(t: unknown): t is string {
  if (typeof t !== 'string') return false;
  const m = DATE_OR_INSTANT.exec(t);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (m[4] === undefined) return true;
  const [hh, mi, ss] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hh > 23 || mi > 59 || ss > 59) return false;
  if (m[7] !== 'Z' && (Number(m[8]) > 14 || Number(m[9]) > 59)) return false;
  return true;
}

/** The usual key: a timestamp (or date) and the row's uuid. */
export function isTimeAndId(c: Record<string, unknown>, timeKey: string): boolean {
  return isCursorTime(c[timeKey]) && typeof c.id === 'string' && UUID.test(c.id);
}

/** A position in a list keyed by a Postgres integer (`int4`) and a `bigint` id, both ≥ 0. */
export function isIntAndBigintId(v: unknown, id: unknown): boolean {
  return (
    Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 2_147_483_647 && typeof id === 'string' && /^\d{1,19}$/.test(id) && BigInt(id) <= 9_223_372_036_854_775_807n
  );
}
