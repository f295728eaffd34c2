import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { OrganizationOwnedEntity } from './organization-owned.entity';
import { PlanEntity } from './plan.entity';
import { PlanSectionEntity } from './plan-section.entity';
import { UnitEntity } from './unit.entity';

/**
 * Read model of one task. The task's workflow is the source of truth and the only writer of
 * `state`, `status_word`, dates and `version` (through idempotent activities).
 */
@Entity({ name: 'tasks' })
@Index('uq_tasks_workflow_id', ['workflowId'], { unique: true })
@Index('ix_tasks_org_state_due', ['organizationId', 'state', 'dueOn'])
@Index('ix_tasks_owner_unit_state', ['ownerUnitId', 'state', 'dueOn'])
@Index('ix_tasks_plan', ['planId', 'sectionId'])
@Index('ix_tasks_parent', ['parentTaskId'])
// GIN, created by the migration: TypeORM cannot express an index's access method, so the schema
// builder is told to leave this one alone (it would otherwise see a btree to create).
@Index('ix_tasks_pending_review_units', { synchronize: false })
// Also created by a migration (inbox indexes): a trigram GIN on search_text, and the overdue box's
// partial index on (organization_id, coalesce(extended_due_on, due_on)) of open tasks.
@Index('ix_tasks_search_trgm', { synchronize: false })
@Index('ix_tasks_open_effective_due', { synchronize: false })
// The overdue box and filter by the working end of the deadline (migration TaskWorkingDue), partial on open tasks.
@Index('ix_tasks_open_working_due', { synchronize: false })
// Listings of a whole organization at scale (migration InboxScaleIndexes): the sorts with their
// keyset cursors, the due-date and status-word filters; the two on expressions by the migration.
@Index('ix_tasks_org_created', ['organizationId', 'createdAt', 'id'])
@Index('ix_tasks_org_activity', ['organizationId', 'lastActivityAt', 'id'])
@Index('ix_tasks_org_status_word', ['organizationId', 'statusWord'])
@Index('ix_tasks_org_due_key', { synchronize: false })
@Index('ix_tasks_org_effective_due', { synchronize: false })
// The leadership inbox's extensions box (migration InboxExtensionIndex): partial, on the tasks whose
// snapshot holds a pending extension request.
@Index('ix_tasks_extension_pending', { synchronize: false })
// GIN on who decides (migration TaskWhoDecides): the approve and extensions boxes.
@Index('ix_tasks_deciding_users', { synchronize: false })
// Inbox boxes of one state, and of open tasks, in their sort order (migration InboxBoxIndexes).
@Index('ix_tasks_org_state_activity', ['organizationId', 'state', 'lastActivityAt', 'id'])
@Index('ix_tasks_org_state_due_key', { synchronize: false })
@Index('ix_tasks_open_due_key', { synchronize: false })
@Index('ix_tasks_open_activity', { synchronize: false })
// (organization_id, assignee_user_id) WHERE assignee_user_id IS NOT NULL: "Việc của tôi" of an officer.
@Index('ix_tasks_assignee', { synchronize: false })
export class TaskEntity extends OrganizationOwnedEntity {
  /** Null for an ad-hoc task (nhiệm vụ phát sinh) that no plan lists. */
  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId: string | null;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity | null;

  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId: string | null;

  @ManyToOne(() => PlanSectionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'section_id' })
  section?: PlanSectionEntity | null;

  /** Group-led rows: each unit's task points at the row's parent task. */
  @Column({ name: 'parent_task_id', type: 'uuid', nullable: true })
  parentTaskId: string | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_task_id' })
  parentTask?: TaskEntity | null;

  /** Row position as printed ("II.2"); null for ad-hoc tasks. */
  @Column({ name: 'row_key', type: 'text', nullable: true })
  rowKey: string | null;

  @Column({ type: 'text' })
  title: string;

  /** Title folded to lower-case ASCII for diacritics-insensitive search ("cai cach"). */
  @Column({ name: 'search_text', type: 'text', default: '' })
  searchText: string;

  @Column({ name: 'lead_raw', type: 'text', default: '' })
  leadRaw: string;

  @Column({ name: 'coordinating_raw', type: 'text', default: '' })
  coordinatingRaw: string;

  @Column({ name: 'timeline_raw', type: 'text', default: '' })
  timelineRaw: string;

  @Column({ type: 'text', default: '' })
  note: string;

  /** Extra appendix columns kept as printed ("Sản phẩm", "Kết quả đầu ra"). */
  @Column({ type: 'jsonb', default: {} })
  extra: Record<string, string>;

  /** The unit that answers for the task (lead); null while a group-led parent fans out. */
  @Column({ name: 'owner_unit_id', type: 'uuid', nullable: true })
  ownerUnitId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_unit_id' })
  ownerUnit?: UnitEntity | null;

  @Column({ type: 'text' })
  state: string;

  @Column({ name: 'status_word', type: 'text' })
  statusWord: string;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ name: 'extended_due_on', type: 'date', nullable: true })
  extendedDueOn: string | null;

  /**
   * The working end of the deadline in force (extended_due_on ?? due_on) by the organization's
   * calendar and day-off rule (BLDS 2015 art. 148(5)): status words, the overdue box, ratings and
   * exports judge by it. Written with every event (the workflow's workingDueOf) and when the
   * calendar or the rule changes (refreshWorkingDue); null: the deadline as written counts.
   */
  @Column({ name: 'working_due_on', type: 'date', nullable: true })
  workingDueOn: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Calendar day of completion in Asia/Ho_Chi_Minh: what "on time" is judged by. */
  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ name: 'progress_percent', type: 'int', default: 0 })
  progressPercent: number;

  /** Coordinating units whose review opinion is still awaited (inbox "chờ ý kiến của đơn vị"). */
  @Column({ name: 'pending_review_unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  pendingReviewUnitIds: string[];

  /** The officer of the lead unit the task is given to (giao cho cán bộ); null: nobody named. */
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId: string | null;

  /** What the task waits on now (`WaitingOn.kind`: lead_unit, reviewers, approver, extension_decision, monitor, nobody). */
  @Column({ name: 'awaiting_kind', type: 'text', default: 'nobody' })
  awaitingKind: string;

  /** Who decides its approval and extension requests (the registry's DECIDERS, resolved): the leadership inbox. */
  @Column({ name: 'deciding_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  decidingUserIds: string[];

  /** The approver it waits on (deputies in charge, else the director): the `approver` of notifications. */
  @Column({ name: 'approver_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  approverUserIds: string[];

  /** Who the task waits on now (`WaitingOn` of the workflow contract). */
  @Column({ name: 'waiting_on', type: 'jsonb', default: {} })
  waitingOn: Record<string, unknown>;

  /** The workflow's last snapshot (`TaskSnapshot`), for the detail page without a Temporal query. */
  @Column({ type: 'jsonb', default: {} })
  detail: Record<string, unknown>;

  /** Position of the milestone being worked on (milestones run in order). */
  @Column({ name: 'current_milestone', type: 'int', default: 0 })
  currentMilestone: number;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  /** Incremented by the workflow on every transition; clients send it back for optimistic checks. */
  @Column({ type: 'int', default: 0 })
  version: number;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
