import { EntityManager } from 'typeorm';
import { Env } from '@app/config';
import { NotificationsRepository } from '../repositories/notifications.repository';
import { TaskReadModelRepository } from '../repositories/task-read-model.repository';
import { EMAIL_OUTBOX_CHANNEL } from './email-outbox.queue';
import { renderEmail, renderNotification, NotificationFacts } from './notification-text';
import { EVENT_RULES } from '@app/workflows/task-lifecycle/actions';
import { isTaskEventType } from '@app/workflows/task-lifecycle/events';
import { expandWaitedOn, isUuid, NotifyRole, notifyRolesOf, resolveRecipients, uuidsOf } from './notification-recipients';

/** The part of a recorded task event the fan-out reads. */
export interface NotifiableEvent {
  taskId: string;
  organizationId: string;
  type: string;
  payload: Record<string, unknown> | null | undefined;
  /** Who did it: never told of their own step. */
  actor?: { userId: string } | null;
}

/**
 * Who an event tells: the role words the workflow put in its `notify` (the ladders name them, and
 * an older execution may name fewer), else what the action registry declares for its type.
 */
export function recipientRolesOf(type: string, payload: Record<string, unknown>): NotifyRole[] {
  if (Array.isArray(payload.notify)) return notifyRolesOf(payload.notify);
  return isTaskEventType(type) ? [...EVENT_RULES[type].recipients] : [];
}

export interface FanOutReport {
  notifications: number;
  emails: number;
}

export interface TaskNotifierOptions {
  /** Base of the links in notifications and e-mails (Env.PUBLIC_URL). */
  publicUrl: string;
}

const NOTHING: FanOutReport = { notifications: 0, emails: 0 };

/**
 * Turns a task event that tells people (the registry's recipients of its type, or `payload.notify`) into inbox notifications and
 * queued e-mails, inside the transaction that recorded the event. Called only for an event that
 * was inserted just now, so a retried activity notifies nobody twice; the unique keys
 * (event, user) and (notification) make that hold even if it were called again.
 */
export class TaskNotifier {
  private readonly publicUrl: string;

  /** Without options (tests that build the activity by hand): the default PUBLIC_URL. */
  constructor(options: TaskNotifierOptions = { publicUrl: new Env().PUBLIC_URL }) {
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
  }

  /**
   * @param eventId id of the task_events row the INSERT returned; undefined when the event was
   *   already recorded (a retry): then nothing happens.
   */
  async onEventRecorded(tx: EntityManager, event: NotifiableEvent, eventId: string | undefined): Promise<FanOutReport> {
    const payload = event.payload ?? {};
    const declared = recipientRolesOf(event.type, payload);
    if (eventId === undefined || !declared.length) return NOTHING;

    // The task as it is after this event (the patch ran before us in the same transaction).
    const task = await new TaskReadModelRepository(tx).notifiableTask(event.taskId);
    if (!task) return NOTHING;
    const roles = expandWaitedOn(declared, task.waitingKind);
    const ownerUnitId = isUuid(payload.ownerUnitId) ? payload.ownerUnitId : task.ownerUnitId;
    const [unit]: Array<{ name: string }> = ownerUnitId
      ? await tx.query(`SELECT name FROM units WHERE id = $1 AND organization_id = $2`, [ownerUnitId, task.organizationId])
      : [];

    const named = uuidsOf(payload.unitIds);
    const from = payload.from as { unitId?: unknown } | undefined;
    const everyone = await resolveRecipients(tx, roles, {
      organizationId: task.organizationId,
      ownerUnitId,
      reviewUnitIds: named.length ? named : uuidsOf(task.pendingReviewUnitIds),
      previousOwnerUnitId: isUuid(from?.unitId) ? from.unitId : null,
      // The row's approver is of its own lead unit; an event about another unit resolves it live.
      approverUserIds: ownerUnitId === task.ownerUnitId ? uuidsOf(task.approverUserIds) : [],
      assigneeUserId: isUuid(payload.assigneeUserId) ? payload.assigneeUserId : null,
      previousAssigneeUserId: isUuid(payload.previousAssigneeUserId) ? payload.previousAssigneeUserId : null,
    });
    // Never the person who took the step.
    const recipients = everyone.filter((r) => r.userId !== event.actor?.userId);
    if (!recipients.length) return NOTHING;
    const [actor]: Array<{ full_name: string; title: string | null }> = event.actor?.userId
      ? await tx.query(`SELECT full_name, title FROM users WHERE id = $1`, [event.actor.userId])
      : [];

    const facts: NotificationFacts = {
      type: event.type,
      payload,
      task: { title: task.title, dueOn: task.dueOn, statusWord: task.statusWord, planTitle: task.planTitle, ownerUnitName: unit?.name ?? null },
      link: `${this.publicUrl}/tasks/${event.taskId}`,
      actorName: actor ? [actor.title, actor.full_name].filter(Boolean).join(' ') : null,
    };
    const text = renderNotification(facts);
    const created = await new NotificationsRepository(tx).insertForEvent({
      organizationId: task.organizationId,
      taskId: event.taskId,
      taskEventId: eventId,
      type: event.type,
      title: text.title,
      body: text.body,
      link: facts.link,
      userIds: recipients.map((r) => r.userId),
    });

    // One mail per new notification whose person has an address.
    const notificationOf = new Map(created.map((c) => [c.userId, c.id]));
    const mails = recipients
      .filter((r) => notificationOf.has(r.userId) && r.email?.includes('@'))
      .map((r) => ({ notificationId: notificationOf.get(r.userId)!, address: r.email!.trim(), name: r.fullName, ...renderEmail(facts, r) }));
    if (mails.length) {
      await tx.query(
        `INSERT INTO email_outbox (organization_id, notification_id, to_address, to_name, subject, text_body, html_body)
         SELECT $1, m.notification_id, m.to_address, m.to_name, m.subject, m.text_body, m.html_body
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
              AS m(notification_id, to_address, to_name, subject, text_body, html_body)
         ON CONFLICT (notification_id) DO NOTHING`,
        [
          task.organizationId,
          mails.map((m) => m.notificationId),
          mails.map((m) => m.address),
          mails.map((m) => m.name),
          mails.map((m) => m.subject),
          mails.map((m) => m.text),
          mails.map((m) => m.html),
        ],
      );
      // Delivered to listeners when (and only if) the transaction commits.
      await tx.query(`SELECT pg_notify($1, '')`, [EMAIL_OUTBOX_CHANNEL]);
    }
    return { notifications: created.length, emails: mails.length };
  }
}
