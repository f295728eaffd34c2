import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrganizationOwnedEntity } from './organization-owned.entity';
import { TaskEventEntity } from './task-event.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

/**
 * One line of a person's in-app inbox: an event of the audit trail that concerns them (a reminder,
 * an escalation, a blocker). Written in the transaction that records the event, once per person
 * and event: the unique key makes a retried activity add nothing.
 */
@Entity({ name: 'notifications' })
@Index('uq_notifications_event_user', ['taskEventId', 'userId'], { unique: true })
// The migration orders it (user_id, created_at DESC, id DESC): the inbox, newest first, keyset-paginated.
// TypeORM compares an index by name and columns only, so the entity lists the columns.
@Index('ix_notifications_user_inbox', ['userId', 'createdAt', 'id'])
// Partial: only unread rows, so the badge count stays cheap however long the history grows.
@Index('ix_notifications_user_unread', ['userId'], { where: '"read_at" IS NULL' })
// The escalated inbox box starts from the person's escalations (migration InboxBoxIndexes).
@Index('ix_notifications_user_type_task', ['userId', 'type', 'taskId'])
export class NotificationEntity extends OrganizationOwnedEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ name: 'task_event_id', type: 'bigint' })
  taskEventId: string;

  @ManyToOne(() => TaskEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_event_id' })
  taskEvent?: TaskEventEntity;

  /** The event's type (DEADLINE_PASSED, ESCALATED_TO_DEPUTY…), for icons and filters. */
  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** Absolute URL of the task page (PUBLIC_URL/tasks/<id>), the same one the e-mail carries. */
  @Column({ type: 'text' })
  link: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
