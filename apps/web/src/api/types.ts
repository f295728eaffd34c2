import type { components, paths } from './schema';

/**
 * The API's answers by the names the web app uses. Every shape comes from ./schema.d.ts, generated
 * from the API's OpenAPI document (`npm run -s api:types`); nothing here restates a DTO. A field
 * the page needs and the type lacks is added to the API's DTO (its `@ApiProperty`), then regenerated.
 */
type Schemas = components['schemas'];

export type Role = Schemas['UserProfileDto']['roles'][number];
export type TaskState = Schemas['TaskSummaryDto']['state'];
export type StatusWord = Schemas['TaskSummaryDto']['statusWord'];

export type UnitRef = Schemas['UnitRefDto'];
export type UserProfile = Schemas['UserProfileDto'];
export type Me = Schemas['MeDto'];
/** Somebody the person may sign for ("KT. Giám đốc"): `GET /me/delegations`. */
export type Delegation = Schemas['DelegationOptionDto'];
/** A director's grant of "KT." (GET/POST/DELETE /delegations). */
export type DelegationGrant = Schemas['DelegationGrantDto'];
export type Deputy = Schemas['DeputyDto'];
/** An action a grant of "KT." may be limited to. */
export type DelegationAction = NonNullable<Schemas['CreateDelegationDto']['actions']>[number];
export type AuthSession = Schemas['AuthSessionDto'];

export type WaitingOn = Schemas['WaitingOnDto'];
export type TaskSummary = Schemas['TaskSummaryDto'];
export type PersonRef = Schemas['PersonRefDto'];
export type TaskEvent = Schemas['TaskEventDto'];
export type TaskComment = Schemas['TaskCommentDto'];
export type TaskUnit = Schemas['TaskUnitDto'];
export type Milestone = Schemas['MilestoneDto'];
export type Attachment = Schemas['DraftAttachmentDto'];
export type ReviewOpinionView = Schemas['ReviewOpinionViewDto'];
export type ReviewOpinion = NonNullable<ReviewOpinionView['opinion']>;
export type BlockerView = Schemas['BlockerViewDto'];
export type RoundView = Schemas['RoundViewDto'];
/** The workflow's snapshot as the detail carries it (`workflow`); every part may be missing on old tasks. */
export type WorkflowSnapshot = Schemas['WorkflowSnapshotDto'];
export type TaskDetail = Schemas['TaskDetailDto'];
export type AvailableAction = Schemas['AvailableActionDto'];
export type Instruction = Schemas['InstructionDto'];
export type ActionResult = Schemas['TaskActionResultDto'];

export type InboxCounts = Schemas['InboxCountsDto'];
export type Notification = Schemas['NotificationDto'];
export type NotificationPage = Schemas['NotificationPageDto'];
export type AttachmentInfo = Schemas['StoredAttachmentDto'];
export type UploadedAttachment = Schemas['UploadedAttachmentDto'];

export type Progress = Schemas['ProgressDto'];
export type StatusCounts = Progress['byStatus'];
export type PlanSummary = Schemas['PlanSummaryDto'];
export type PlanDetail = Schemas['PlanDetailDto'];
export type UnitRating = Schemas['UnitRatingDto'];
export type DirectoryUnit = Schemas['DirectoryUnitDto'];
export type CalendarYear = Schemas['CalendarYearDto'];
/** The filters of `GET /tasks` and of the inboxes (`GET /me/inbox`). */
export type TaskListQuery = NonNullable<paths['/tasks']['get']['parameters']['query']>;
export type InboxQuery = NonNullable<paths['/me/inbox']['get']['parameters']['query']>;

// ---- plan import ---------------------------------------------------------------------------

export type ParsedUnitRef = Schemas['ParsedUnitRefDto'];
export type ParsedMilestone = Schemas['ParsedMilestoneDto'];
export type ParsedTask = Schemas['ParsedTaskDto'];
export type ParseIssue = Schemas['ParseIssueDto'];
export type PlanParse = Schemas['PlanParseDto'];
export type PlanDiff = Schemas['PlanDiffDto'];
export type PlanImportConfirmation = Schemas['PlanImportConfirmationDto'];
export type PlanImport = Schemas['PlanImportDto'];
export type UnitMapping = Schemas['UnitMappingDto'];

// ---- administration ------------------------------------------------------------------------

export type AdminUnit = Schemas['AdminUnitDto'];
export type AdminPerson = Schemas['AdminPersonDto'];
export type AuditEntry = Schemas['AuditEntryDto'];
export type AuditPage = Schemas['AuditPageDto'];

// ---- web-only ------------------------------------------------------------------------------

/** A page of a cursor-paginated list, as the app's "load every page" helpers read any of them. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
