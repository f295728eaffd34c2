import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, isTimeAndId } from '@app/domain';
import { NotificationsRepository } from '../repositories/notifications.repository';

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
  const c = q.cursor ? decodeInboxCursor(q.cursor) : null;
  const rows = await new NotificationsRepository(db).page(userId, {
    limit: limit + 1,
    unreadOnly: q.unreadOnly,
    before: c ? { createdAt: c.t, id: c.id } : null,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      taskId: r.taskId,
      type: r.type,
      title: r.title,
      body: r.body,
      link: r.link,
      readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
      createdAt: new Date(r.createdAt).toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdCursor, id: last.id }) : null,
  };
}

/** The badge: served by the partial index of unread lines. */
export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  return new NotificationsRepository(db).countUnread(userId);
}

/**
 * Marks one of the caller's notifications read (the first reading time stays). False when no such
 * notification is theirs, so the API answers 404 for somebody else's as for a missing one.
 */
export async function markNotificationRead(db: Db, userId: string, notificationId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(notificationId)) return false;
  return (await new NotificationsRepository(db).markRead(userId, notificationId)) > 0;
}

/** Marks every unread notification of the caller read; returns how many were unread. */
export async function markAllNotificationsRead(db: Db, userId: string): Promise<number> {
  return new NotificationsRepository(db).markAllRead(userId);
}
