import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, isTimeAndId } from '@app/domain';

/**
 * A person's notification inbox, read from Postgres: newest first, keyset-paginated (a page never
 * repeats or skips a line while new ones arrive), optionally unread only; the unread count for the
 * badge; marking read. Every function takes the user id of the caller and touches only their rows:
 * a notification of somebody else does not exist for them.
 */

type Db = DataSource | EntityManager;

export interface InboxNotification {
  id: string;
  taskId: string;
  type: string;
  title: string;
  body: string;
  link: string;
  /** ISO instant, null while unread. */
  readAt: string | null;
  createdAt: string;
}

export interface InboxPage {
  items: InboxNotification[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface InboxQuery {
  /** 1…100, default 20. */
  limit?: number;
  cursor?: string | null;
  unreadOnly?: boolean;
}

interface Cursor {
  t: string;
  id: string;
}

const decodeInboxCursor = (raw: string): Cursor => decodeCursor<Cursor>(raw, (c) => isTimeAndId(c, 't'));

export async function listNotifications(db: Db, userId: string, q: InboxQuery = {}): Promise<InboxPage> {
  const limit = Math.min(100, Math.max(1, Math.floor(q.limit ?? 20)));
  const params: unknown[] = [userId];
  const where = ['user_id = $1'];
  if (q.unreadOnly) where.push('read_at IS NULL');
  if (q.cursor) {
    const c = decodeInboxCursor(q.cursor);
    params.push(c.t, c.id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit + 1);
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT id, task_id, type, title, body, link, read_at, created_at,
            -- microsecond precision: a JS Date would round it and the next page would repeat lines
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_cursor
     FROM notifications WHERE ${where.join(' AND ')}
     ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id as string,
      taskId: r.task_id as string,
      type: r.type as string,
      title: r.title as string,
      body: r.body as string,
      link: r.link as string,
      readAt: r.read_at ? new Date(r.read_at as string).toISOString() : null,
      createdAt: new Date(r.created_at as string).toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.created_cursor as string, id: last.id as string }) : null,
  };
}

/** The badge: served by the partial index of unread lines. */
export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return count;
}

/**
 * Marks one of the caller's notifications read (the first reading time stays). False when no such
 * notification is theirs, so the API answers 404 for somebody else's as for a missing one.
 */
export async function markNotificationRead(db: Db, userId: string, notificationId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(notificationId)) return false;
  // In a CTE so the statement is a SELECT (TypeORM answers an UPDATE with [rows, count]).
  const [{ count }] = await db.query(
    `WITH marked AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING 1)
     SELECT count(*)::int AS count FROM marked`,
    [notificationId, userId],
  );
  return count > 0;
}

/** Marks every unread notification of the caller read; returns how many were unread. */
export async function markAllNotificationsRead(db: Db, userId: string): Promise<number> {
  const [{ count }] = await db.query(
    `WITH marked AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1)
     SELECT count(*)::int AS count FROM marked`,
    [userId],
  );
  return count;
}
