import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { TaskLifecycleReadModel1764100000000 } from './1764100000000-task-lifecycle-read-model';
import { Notifications1764200000000 } from './1764200000000-notifications';
import { CalendarsAndRatings1764300000000 } from './1764300000000-calendars-and-ratings';
import { Auth1764400000000 } from './1764400000000-auth';
import { InboxIndexes1764500000000 } from './1764500000000-inbox-indexes';
import { PlanImportsAttachments1764600000000 } from './1764600000000-plan-imports-attachments';
import { InboxScaleIndexes1764700000000 } from './1764700000000-inbox-scale-indexes';
import { PlanImportUnitMappings1764800000000 } from './1764800000000-plan-import-unit-mappings';
import { InboxExtensionIndex1764900000000 } from './1764900000000-inbox-extension-index';
import { TaskWhoDecides1765150000000 } from './1765150000000-task-who-decides';
import { TaskAssignee1765151000000 } from './1765151000000-task-assignee';
import { NationalCalendar1765160000000 } from './1765160000000-national-calendar';
import { IdempotencyKeys1765170000000 } from './1765170000000-idempotency-keys';
import { DelegationGrants1765170000001 } from './1765170000001-delegation-grants';
import { PlanImportAppendix1765180000000 } from './1765180000000-plan-import-appendix';
import { InboxBoxIndexes1765200000000 } from './1765200000000-inbox-box-indexes';
import { SelfServiceAdmin1765210000000 } from './1765210000000-self-service-admin';
import { TaskWorkingDue1765310000000 } from './1765310000000-task-working-due';
import { IdempotencyKeysPurge1765320000000 } from './1765320000000-idempotency-keys-purge';
import { NationalDay2026Verified1765330000000 } from './1765330000000-national-day-2026-verified';

/** Every migration, in order. New migrations are appended here (see `npm run migration:generate`). */
export const MIGRATIONS = [InitialSchema1764000000000, TaskLifecycleReadModel1764100000000, Notifications1764200000000, CalendarsAndRatings1764300000000, Auth1764400000000, InboxIndexes1764500000000, PlanImportsAttachments1764600000000, InboxScaleIndexes1764700000000, PlanImportUnitMappings1764800000000, InboxExtensionIndex1764900000000, TaskWhoDecides1765150000000, TaskAssignee1765151000000, NationalCalendar1765160000000, IdempotencyKeys1765170000000, DelegationGrants1765170000001, PlanImportAppendix1765180000000, InboxBoxIndexes1765200000000, SelfServiceAdmin1765210000000, TaskWorkingDue1765310000000, IdempotencyKeysPurge1765320000000, NationalDay2026Verified1765330000000];
