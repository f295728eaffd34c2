import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { OrganizationOwnedEntity } from './organization-owned.entity';
import { UserEntity } from './user.entity';

export type CalendarDayKind = 'off' | 'work';

/**
 * An organization's own change to the national working-day calendar: a day off of its own (a
 * local anniversary, "Nghỉ bù") or a day worked that is off nationally ("Làm bù thứ Bảy").
 * `loadWorkingCalendarConfig` turns the rows into the calendar's extraOffDays / extraWorkDays.
 * The unique index is also the lookup index of (organization, day range).
 */
@Entity({ name: 'organization_calendar_days' })
@Index('uq_organization_calendar_days_org_day', ['organizationId', 'day'], { unique: true })
@Check('ck_organization_calendar_days_kind', `"kind" IN ('off', 'work')`)
export class OrganizationCalendarDayEntity extends OrganizationOwnedEntity {
  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'text' })
  kind: CalendarDayKind;

  /** What people see in the calendar ("Nghỉ bù", "Làm bù thứ Bảy", "Kỷ niệm ngày thành lập Sở"). */
  @Column({ type: 'text' })
  name: string;

  /** The decision it comes from, or anything else the administrator wants kept beside it. */
  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity | null;

  /** Who changed the day last (a replaced year keeps its creator). */
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  updater?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
