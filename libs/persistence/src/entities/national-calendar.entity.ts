import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * The national calendar as data (issue 16), seeded by migration 1765160000000 from
 * libs/domain/src/calendar/national-calendar.data.ts and edited by the platform operator
 * (`npm run -s cli -- calendar add`, `PUT /national-calendar/days/:day`). Every organization's
 * calendar is this plus its own organization_calendar_days.
 */

/** A statutory holiday rule: a new holiday is a row (see HolidayRule in the domain). */
@Entity({ name: 'national_holiday_rules' })
@Check('ck_national_holiday_rules_calendar', `"calendar" IN ('solar', 'lunar', 'adjacent')`)
export class NationalHolidayRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Order of the rules in a calendar config (the config is a workflow argument: same bytes). */
  @Index('uq_national_holiday_rules_position', { unique: true })
  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'holiday_id', type: 'text' })
  holidayId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  calendar: 'solar' | 'lunar' | 'adjacent';

  @Column({ type: 'integer' })
  month: number;

  @Column({ type: 'integer' })
  day: number;

  @Column({ type: 'integer', default: 0 })
  offset: number;

  @Column({ type: 'integer', default: 1 })
  length: number;

  @Column({ name: 'from_year', type: 'integer' })
  fromYear: number;

  @Column({ name: 'to_year', type: 'integer', nullable: true })
  toYear: number | null;

  @Column({ type: 'text' })
  source: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A year with an official schedule: the rules are not applied to it. */
@Entity({ name: 'national_calendar_years' })
export class NationalCalendarYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'text', default: '' })
  note: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One day of a year's official schedule, with the document it comes from. */
@Entity({ name: 'national_calendar_days' })
@Check('ck_national_calendar_days_kind', `"kind" IN ('off', 'work')`)
@Index('ix_national_calendar_days_year', ['year'])
export class NationalCalendarDayEntity {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'integer' })
  year: number;

  @ManyToOne(() => NationalCalendarYearEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'year' })
  calendarYear?: NationalCalendarYearEntity;

  @Column({ type: 'text' })
  kind: 'off' | 'work';

  @Column({ type: 'text' })
  name: string;

  /** Document number and date (or article of law). */
  @Column({ type: 'text' })
  source: string;

  /** false: the document text could not be checked (see the year's note). */
  @Column({ type: 'boolean', default: true })
  verified: boolean;

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
