import { AccountTokenEntity } from './account-token.entity';
import { AdminAuditEntity } from './admin-audit.entity';
import { AttachmentEntity } from './attachment.entity';
import { DelegationGrantEntity } from './delegation-grant.entity';
import { DirectoryImportEntity } from './directory-import.entity';
import { DeputyPortfolioEntity } from './deputy-portfolio.entity';
import { EmailOutboxEntity } from './email-outbox.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { MilestoneEntity } from './milestone.entity';
import { NationalCalendarDayEntity, NationalCalendarYearEntity, NationalHolidayRuleEntity } from './national-calendar.entity';
import { NotificationEntity } from './notification.entity';
import { OrganizationCalendarDayEntity } from './organization-calendar-day.entity';
import { OrganizationEntity } from './organization.entity';
import { PlanImportEntity } from './plan-import.entity';
import { PlanSectionEntity } from './plan-section.entity';
import { PlanEntity } from './plan.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { TaskEventEntity } from './task-event.entity';
import { TaskUnitEntity } from './task-unit.entity';
import { TaskEntity } from './task.entity';
import { UnitMonthlyRatingEntity } from './unit-monthly-rating.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

export {
  AccountTokenEntity,
  AdminAuditEntity,
  AttachmentEntity,
  DelegationGrantEntity,
  DirectoryImportEntity,
  DeputyPortfolioEntity,
  EmailOutboxEntity,
  IdempotencyKeyEntity,
  MilestoneEntity,
  NationalCalendarDayEntity,
  NationalCalendarYearEntity,
  NationalHolidayRuleEntity,
  NotificationEntity,
  OrganizationCalendarDayEntity,
  OrganizationEntity,
  PlanEntity,
  PlanImportEntity,
  PlanSectionEntity,
  RefreshTokenEntity,
  TaskEntity,
  TaskEventEntity,
  TaskUnitEntity,
  UnitEntity,
  UnitMonthlyRatingEntity,
  UserEntity,
};

export const ENTITIES = [
  OrganizationEntity,
  UnitEntity,
  UserEntity,
  DeputyPortfolioEntity,
  PlanEntity,
  PlanSectionEntity,
  TaskEntity,
  TaskUnitEntity,
  MilestoneEntity,
  TaskEventEntity,
  OrganizationCalendarDayEntity,
  NationalHolidayRuleEntity,
  NationalCalendarYearEntity,
  NationalCalendarDayEntity,
  UnitMonthlyRatingEntity,
  NotificationEntity,
  EmailOutboxEntity,
  RefreshTokenEntity,
  PlanImportEntity,
  AttachmentEntity,
  IdempotencyKeyEntity,
  DelegationGrantEntity,
  AccountTokenEntity,
  AdminAuditEntity,
  DirectoryImportEntity,
];
