import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** A stored inbox line as Postgres returns it. */
export interface NotificationRow {
  id: string;
  taskId: string;
  type: string;
  title: string;
  body: string;
  link: string;
  readAt: Date | null;
  createdAt: Date;
  /** created_at in UTC at microsecond precision (a JS Date would round it): the keyset cursor's time. */
  createdCursor: string;
}

export interface NotificationPageQuery {
  limit: number;
  unreadOnly?: boolean;
  /** Only lines older than this (created_at, id), for the next page. */
  before?: { createdAt: string; id: string } | null;
}

/** The notifications one event gives, one per recipient. */
export interface NewEventNotifications {
  organizationId: string;
  taskId: string;
  taskEventId: string;
  type: string;
  title: string;
  body: string;
  link: string;
  userIds: readonly string[];
}

/**
 * People's notification inboxes (`notifications`): every read and mark is scoped to the user it
 * is called for; the lines of one event are unique per person.
 */
export class NotificationsRepository {
  constructor(private readonly db: Db) {}

  /** A user's lines, newest first (created_at, id), at most `limit`. */
  async page(userId: string, q: NotificationPageQuery): Promise<NotificationRow[]> {
    const params: unknown[] = [userId];
    const where = ['user_id = $1'];
    if (q.unreadOnly) where.push('read_at IS NULL');
    if (q.before) {
      params.push(q.before.createdAt, q.before.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(q.limit);
    return this.db.query(
      `SELECT id, task_id AS "taskId", type, title, body, link, read_at AS "readAt", created_at AS "createdAt",
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdCursor"
       FROM notifications WHERE ${where.join(' AND ')}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Served by the partial index of unread lines. */
  async countUnread(userId: string): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await this.db.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return count;
  }

  /** Marks one line of the user read (the first reading time stays); how many matched (0 or 1). */
  async markRead(userId: string, notificationId: string): Promise<number> {
    // In a CTE so the statement is a SELECT (TypeORM answers an UPDATE with [rows, count]).
    const [{ count }]: Array<{ count: number }> = await this.db.query(
      `WITH marked AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING 1)
       SELECT count(*)::int AS count FROM marked`,
      [notificationId, userId],
    );
    return count;
  }

  /** Marks every unread line of the user read; how many were unread. */
  async markAllRead(userId: string): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await this.db.query(
      `WITH marked AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1)
       SELECT count(*)::int AS count FROM marked`,
      [userId],
    );
    return count;
  }

  /** One line per user for the event; a (event, user) line stored already is kept. Returns the new ones. */
  async insertForEvent(n: NewEventNotifications): Promise<Array<{ id: string; userId: string }>> {
    return this.db.query(
      `INSERT INTO notifications (organization_id, user_id, task_id, task_event_id, type, title, body, link)
       SELECT $1, u, $2, $3, $4, $5, $6, $7 FROM unnest($8::uuid[]) AS u
       ON CONFLICT (task_event_id, user_id) DO NOTHING
       RETURNING id, user_id AS "userId"`,
      [n.organizationId, n.taskId, n.taskEventId, n.type, n.title, n.body, n.link, n.userIds],
    );
  }
}
