import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import {
  countInboxBoxes,
  countUnreadNotifications,
  findInboxBoxPage,
  inboxBoxStatements,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  SqlStatement,
  TaskBox,
} from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { eventLabelOf } from '../tasks/task-labels';
import { TaskQueryService, vietnamToday } from '../tasks/task-query.service';
import { toSummary } from '../tasks/task-search';
import { InboxCountsDto, InboxPageDto, InboxQuery, NotificationPageDto, NotificationQuery, NotificationsMarkedDto } from './inbox.dto';

/** Filters of the task boxes that mean nothing for notifications. */
const TASK_ONLY_PARAMS = ['planId', 'sectionId', 'unitId', 'statusWord', 'dueBefore', 'dueAfter', 'q', 'sort'] as const;

/**
 * A person's inbox: the task boxes (libs/persistence task-inbox.repository.ts builds and runs
 * their statements) read from the read model through the same visibility rule as every task
 * listing, and their in-app notifications (libs/persistence notification-inbox: newest first,
 * keyset-paginated, unread badge, marking read). Notifications are personal: "KT." does not open
 * the director's.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TaskQueryService,
  ) {}

  async inbox(actor: Actor, q: InboxQuery): Promise<InboxPageDto> {
    if (q.box === 'notifications') {
      const given = TASK_ONLY_PARAMS.filter((k) => q[k] !== undefined);
      if (given.length) {
        throw new DomainError('VALIDATION_FAILED', 'Hộp thông báo không dùng bộ lọc và cách sắp xếp của nhiệm vụ.', { parameters: given });
      }
      const page = await this.notifications(actor, { limit: Math.min(q.limit, 100), cursor: q.cursor, unreadOnly: q.unreadOnly });
      return { box: 'notifications', items: page.items, nextCursor: page.nextCursor };
    }
    if (q.unreadOnly !== undefined) throw new DomainError('VALIDATION_FAILED', 'unreadOnly chỉ dùng cho hộp thông báo.', { parameters: ['unreadOnly'] });
    const box: TaskBox = q.box;
    const { rows, nextCursor } = await findInboxBoxPage(this.dataSource, actor, box, q, vietnamToday());
    return { box, items: rows.map(toSummary), nextCursor };
  }

  /**
   * The statements a task box runs for this person: its page (with the filters, sort and cursor
   * of `q`) and its count. test/api/inbox-explain.int-spec.ts EXPLAINs them on 100,000 tasks.
   */
  boxStatements(actor: Actor, box: TaskBox, q: Omit<InboxQuery, 'box'>, today = vietnamToday()): { page: SqlStatement; count: SqlStatement } {
    return inboxBoxStatements(actor, box, q, today);
  }

  async counts(actor: Actor): Promise<InboxCountsDto> {
    const [boxes, notifications] = await Promise.all([countInboxBoxes(this.dataSource, actor, vietnamToday()), countUnreadNotifications(this.dataSource, actor.userId)]);
    return { ...boxes, notifications };
  }

  async notifications(actor: Actor, q: NotificationQuery): Promise<NotificationPageDto> {
    const [page, unread] = await Promise.all([
      listNotifications(this.dataSource, actor.userId, { limit: q.limit, cursor: q.cursor ?? null, unreadOnly: q.unreadOnly }),
      countUnreadNotifications(this.dataSource, actor.userId),
    ]);
    const tasks = await this.tasks.summaries(
      actor,
      page.items.map((n) => n.taskId),
    );
    return { items: page.items.map((n) => ({ ...n, typeLabel: eventLabelOf(n.type), task: tasks.get(n.taskId) ?? null })), nextCursor: page.nextCursor, unread };
  }

  /** 404 NOTIFICATION_NOT_FOUND for somebody else's notification as for a missing one. */
  async markRead(actor: Actor, id: string): Promise<NotificationsMarkedDto> {
    if (!(await markNotificationRead(this.dataSource, actor.userId, id))) {
      throw new DomainError('NOTIFICATION_NOT_FOUND', 'Không tìm thấy thông báo.', { id });
    }
    return { marked: 1, unread: await countUnreadNotifications(this.dataSource, actor.userId) };
  }

  async markAllRead(actor: Actor): Promise<NotificationsMarkedDto> {
    const marked = await markAllNotificationsRead(this.dataSource, actor.userId);
    return { marked, unread: await countUnreadNotifications(this.dataSource, actor.userId) };
  }
}
