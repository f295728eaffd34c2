import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';

/** JSON with object keys sorted at every level: one spelling per meaning. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface ActionRequest {
  taskId: string;
  action: string;
  /** The body as the client sent it (after validation), expectedVersion included. */
  body: Record<string, unknown>;
  /** From If-Match or the body. */
  expectedVersion?: number;
  /** X-On-Behalf-Of as honoured: signing for another person is another request. */
  onBehalfOfUserId?: string | null;
}

/**
 * The fingerprint of a task action (IETF draft httpapi-idempotency-key-header §2.4): SHA-256 of
 * the canonical JSON of what it asks: which task, which action, the body, the version it expects,
 * for whom it signs. Key order and whitespace do not matter; any other difference does.
 */
export function actionFingerprint(r: ActionRequest): string {
  const canonical = canonicalJson({ taskId: r.taskId, action: r.action, body: r.body, expectedVersion: r.expectedVersion ?? null, onBehalfOf: r.onBehalfOfUserId ?? null });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Binds the caller's key to the request the first time it is used; a later request with the same
 * key must have the same fingerprint (it is a retry, answered as the first was: the workflow
 * applies a key once), else 422 IDEMPOTENCY_KEY_REUSED and nothing is done. Atomic: of two
 * requests racing with one key, one binds it and the other is compared against it.
 */
export async function bindIdempotencyKey(db: DataSource, userId: string, key: string, fingerprint: string, target: string): Promise<void> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO idempotency_keys (user_id, key, fingerprint, target) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, fingerprint, target],
  );
  if (inserted.length) return;
  const [first]: Array<{ fingerprint: string; target: string; created_at: Date }> = await db.query(
    `SELECT fingerprint, target, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
    [userId, key],
  );
  if (first && first.fingerprint !== fingerprint) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác; vui lòng dùng khóa mới cho thao tác mới.',
      { firstUsedFor: first.target, firstUsedAt: new Date(first.created_at).toISOString() },
    );
  }
}

/** Rows deleted per statement of a purge (a short lock each, however many keys are old). */
const PURGE_BATCH = 5_000;

/**
 * Deletes the keys bound more than `retentionHours` ago (issue 17: the table must not grow
 * forever), in batches; returns how many. A retry after the retention is a new request: its key
 * binds afresh (the workflow still applies a key once: its own applied keys are bounded too).
 */
export async function purgeIdempotencyKeys(db: DataSource, retentionHours: number): Promise<number> {
  let total = 0;
  for (;;) {
    // A SELECT over the DELETE: its count is a row (TypeORM answers a bare DELETE with [rows, count]).
    const [{ n }]: Array<{ n: number }> = await db.query(
      `WITH gone AS (DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1::int) LIMIT ${PURGE_BATCH})) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [retentionHours],
    );
    total += n;
    if (n < PURGE_BATCH) return total;
  }
}
