import { DataSource, EntityManager } from 'typeorm';
import type { EmailOutboxStatus } from '../entities/email-outbox.entity';

/**
 * The e-mail outbox as a queue: rows are claimed with `FOR UPDATE SKIP LOCKED` (any number of
 * dispatchers, each row to one of them), sent outside any transaction, and settled as sent or as a
 * failure with exponential backoff. A row claimed by a dispatcher that died stays 'sending' until
 * its lease runs out, then it is claimed again: a mail may go out twice after a crash (at least
 * once), it is never lost.
 */

/** The channel the fan-out notifies (pg_notify) when it queued mails, so a dispatcher wakes at once. */
export const EMAIL_OUTBOX_CHANNEL = 'email_outbox';

export interface RetryPolicy {
  /** Delay after the first failure; doubles with each further failure. */
  baseMs: number;
  /** Longest delay between two attempts. */
  maxMs: number;
  /** Failed attempts after which a row is given up ('failed'). */
  maxAttempts: number;
}

/** 30 s, 1 min, 2 min … capped at 1 h; given up after 8 failures (about an hour of trying). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 8 };

/** How long to wait after the `attempts`-th failure (1-based): base · 2^(attempts-1), capped. */
export function retryDelayMs(attempts: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'> = DEFAULT_RETRY_POLICY): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^(n-1) overflows to Infinity long after the cap; Math.min keeps the cap.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (n - 1));
}

/** After a failure: retry later, or give up once the attempts are spent. */
export function afterFailure(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): { status: 'pending' | 'failed'; delayMs: number | null } {
  return attempts >= policy.maxAttempts ? { status: 'failed', delayMs: null } : { status: 'pending', delayMs: retryDelayMs(attempts, policy) };
}

/** A claimed row: what the dispatcher needs to send it and settle it. */
export interface ClaimedEmail {
  id: string;
  organizationId: string;
  /** Null for an account mail (invitation, password reset). */
  notificationId: string | null;
  toAddress: string;
  toName: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  /** Failed attempts so far (a reclaimed row counts its interrupted attempt). */
  attempts: number;
}

export interface ClaimOptions {
  batchSize: number;
  /** A row 'sending' for longer than this was claimed by a dispatcher that died: claim it again. */
  leaseMs: number;
  /** Only the outbox of these organizations (a dispatcher per group of tenants; tests keep to their own). Unset: all. */
  organizationIds?: string[];
}

type Db = DataSource | EntityManager;

const INTERRUPTED = 'interrupted: the dispatcher stopped before the outcome was recorded';

/**
 * Claims up to `batchSize` due rows (pending and due, or stuck in 'sending' past the lease) and
 * marks them 'sending'. Oldest due first. A reclaimed row's lost attempt counts as a failure, so a
 * mail that crashes its sender every time is still given up after the maximum.
 */
export async function claimDueEmails(db: Db, opts: ClaimOptions): Promise<ClaimedEmail[]> {
  const rows: Array<Record<string, unknown>> = await db.query(
    // The UPDATE sits in a CTE so the statement is a SELECT: TypeORM hands back an UPDATE's
    // RETURNING rows as [rows, count].
    `WITH due AS (
       SELECT id FROM email_outbox
       WHERE ((status = 'pending' AND next_attempt_at <= now())
          OR (status = 'sending' AND updated_at < now() - make_interval(secs => $2::double precision / 1000)))
         AND ($4::uuid[] IS NULL OR organization_id = ANY($4::uuid[]))
       ORDER BY next_attempt_at, id
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE email_outbox o
       SET status = 'sending',
           attempts = CASE WHEN o.status = 'sending' THEN o.attempts + 1 ELSE o.attempts END,
           last_error = CASE WHEN o.status = 'sending' THEN $3 ELSE o.last_error END,
           updated_at = now()
       FROM due WHERE o.id = due.id
       RETURNING o.id, o.organization_id, o.notification_id, o.to_address, o.to_name, o.subject, o.text_body, o.html_body, o.attempts,
                 o.next_attempt_at
     )
     SELECT * FROM claimed ORDER BY next_attempt_at, id`,
    [opts.batchSize, opts.leaseMs, INTERRUPTED, opts.organizationIds ?? null],
  );
  return rows.map((r) => ({
    id: r.id as string,
    organizationId: r.organization_id as string,
    notificationId: (r.notification_id as string | null) ?? null,
    toAddress: r.to_address as string,
    toName: r.to_name as string,
    subject: r.subject as string,
    textBody: r.text_body as string,
    htmlBody: (r.html_body as string | null) ?? null,
    attempts: Number(r.attempts),
  }));
}

/** Records a delivery. Only a row this dispatcher still holds ('sending') moves. */
export async function markEmailSent(db: Db, id: string, messageId: string | null): Promise<void> {
  await db.query(
    `UPDATE email_outbox SET status = 'sent', sent_at = now(), message_id = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`,
    [id, messageId],
  );
}

/**
 * Records a failed attempt: one more attempt, the error (already free of secrets; cut to 1000
 * characters), and either the next attempt after the backoff or 'failed' once the attempts are spent.
 */
export async function markEmailFailed(
  db: Db,
  row: Pick<ClaimedEmail, 'id' | 'attempts'>,
  error: string,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<{ status: EmailOutboxStatus; attempts: number; delayMs: number | null }> {
  const attempts = row.attempts + 1;
  const next = afterFailure(attempts, policy);
  await db.query(
    `UPDATE email_outbox
     SET status = $2, attempts = $3, last_error = $4, updated_at = now(),
         next_attempt_at = CASE WHEN $5::double precision IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $5::double precision / 1000) END
     WHERE id = $1 AND status = 'sending'`,
    [row.id, next.status, attempts, error.slice(0, 1000), next.delayMs],
  );
  return { status: next.status, attempts, delayMs: next.delayMs };
}

/** Gives a reclaimed row up without sending it: its attempts were spent by crashes. */
export async function giveUpEmail(db: Db, id: string, error: string): Promise<void> {
  await db.query(`UPDATE email_outbox SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`, [
    id,
    error.slice(0, 1000),
  ]);
}

/** Hands back rows claimed but not sent (the dispatcher is stopping), so another one takes them at once. */
export async function releaseEmails(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.query(`UPDATE email_outbox SET status = 'pending', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'sending'`, [ids]);
}
