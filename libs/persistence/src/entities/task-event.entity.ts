import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only audit trail: who did what to which task, when, on behalf of whom, and the state
 * before and after. A database trigger refuses UPDATE and DELETE.
 * `event_key` is chosen by the workflow (deterministic), so an activity retried after a crash
 * inserts the same event once.
 */
@Entity({ name: 'task_events' })
@Index('uq_task_events_task_key', ['taskId', 'eventKey'], { unique: true })
@Index('ix_task_events_task_version', ['taskId', 'version'])
export class TaskEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ name: 'event_key', type: 'text' })
  eventKey: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_unit_id', type: 'uuid', nullable: true })
  actorUnitId: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ name: 'on_behalf_of_user_id', type: 'uuid', nullable: true })
  onBehalfOfUserId: string | null;

  /** The task's version after this event: the order of the trail, whatever order activities ran in. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'text', nullable: true })
  toState: string | null;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  /** Workflow time of the event (deterministic), not the time the activity ran. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
