import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { DomainError } from '@app/domain';

/**
 * The two headers of a task action: `Idempotency-Key` (the same request sent twice applies once)
 * and `If-Match: "<version>"` (optimistic concurrency). Pure rules, unit-tested.
 */
export interface ActionHeaders {
  idempotencyKey?: string;
  ifMatch?: string;
}

/** Printable ASCII without spaces or quotes, as clients generate keys (UUIDs, ULIDs, base64url). */
const KEY = /^[A-Za-z0-9._~:+/=-]{1,128}$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

export const ActionHeadersOf = createParamDecorator((_: unknown, ctx: ExecutionContext): ActionHeaders => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return { idempotencyKey: single(req.headers['idempotency-key']), ifMatch: single(req.headers['if-match']) };
});

/**
 * The key the workflow deduplicates on. Keys are scoped to the caller (their user id in front), so
 * two people who happen to send the same key never swallow each other's action. Without the
 * header a fresh key is made for the request: it is applied, but a retry of it is not recognised.
 */
export function workflowIdempotencyKey(userId: string, header: string | undefined, fresh: () => string = randomUUID): string {
  if (header === undefined) return `${userId}:auto-${fresh()}`;
  if (!KEY.test(header)) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_INVALID',
      'Header Idempotency-Key không hợp lệ: tối đa 128 ký tự chữ, số hoặc . _ ~ : + / = -.',
      { maxLength: 128 },
    );
  }
  return `${userId}:${header}`;
}

/** `"12"`, `W/"12"` or `12`; `*` asks for no check. */
function parseIfMatch(raw: string): number | undefined {
  const value = raw.trim();
  if (value === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  if (!m) throw new DomainError('IF_MATCH_INVALID', 'Header If-Match phải là phiên bản nhiệm vụ, ví dụ If-Match: "12".');
  return Number(m[1]);
}

/** The version the client saw, from If-Match or the body's expectedVersion (both: they must agree). */
export function expectedVersionOf(ifMatch: string | undefined, bodyVersion: number | undefined): number | undefined {
  const fromHeader = ifMatch === undefined ? undefined : parseIfMatch(ifMatch);
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw new DomainError('VALIDATION_FAILED', 'If-Match và expectedVersion chỉ hai phiên bản khác nhau.', { ifMatch: fromHeader, expectedVersion: bodyVersion });
  }
  return fromHeader ?? bodyVersion;
}
