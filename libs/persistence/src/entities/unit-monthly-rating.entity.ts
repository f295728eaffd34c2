import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity';
import { UnitEntity } from './unit.entity';

/**
 * A lead unit's tasks due in one month (Asia/Ho_Chi_Minh), counted by status word (WORKFLOW.md,
 * "Status words"): what unit ratings are read from. Derived data, kept in step with the task rows
 * by the read-model activity in the same transaction (see ratings/unit-monthly-ratings.ts), and
 * rebuilt from the task rows at any time with the same result.
 */
@Entity({ name: 'unit_monthly_ratings' })
@Check('ck_unit_monthly_ratings_month', `"month" = date_trunc('month', "month")::date`)
export class UnitMonthlyRatingEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  /** First day of the month of the tasks' effective due date (extended_due_on ?? due_on). */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  /** Tasks due in the month, cancelled and waiting-for-event tasks excluded. */
  @Column({ name: 'tasks_due', type: 'int', default: 0 })
  tasksDue: number;

  @Column({ name: 'completed_on_time', type: 'int', default: 0 })
  completedOnTime: number;

  @Column({ name: 'completed_late', type: 'int', default: 0 })
  completedLate: number;

  @Column({ name: 'overdue_open', type: 'int', default: 0 })
  overdueOpen: number;

  @Column({ name: 'open_in_time', type: 'int', default: 0 })
  openInTime: number;

  /** Counted apart, never in tasks_due. */
  @Column({ type: 'int', default: 0 })
  cancelled: number;

  @Column({ name: 'waiting_for_event', type: 'int', default: 0 })
  waitingForEvent: number;

  /** Closed as "Không phát sinh" (the event never came by the plan end): counted apart, never in tasks_due. */
  @Column({ name: 'not_arisen', type: 'int', default: 0 })
  notArisen: number;

  /**
   * completed_on_time / (completed_on_time + completed_late + overdue_open): of the tasks whose
   * outcome is known, the share done on time; null while none is. Open tasks still in time do not
   * count against the unit. pg returns numeric as a string.
   */
  @Column({ name: 'on_time_rate', type: 'numeric', precision: 5, scale: 4, nullable: true })
  onTimeRate: string | null;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;
}
