import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { STATUS_WORDS, TASK_STATES } from '@app/domain';
import { PageQuery } from '../common/page.query';
import { TASK_SORTS, TaskSort } from './task-search';
import { IsCalendarDate } from '../common/is-calendar-date';


/** Filters and paging shared by GET /tasks and the inboxes; every one narrows what the caller may see. */
export class TaskFilterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Kế hoạch' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ description: 'Mục của phụ lục (plan_sections.id)' })
  @IsOptional()
  @IsUUID()
  sectionId?: string;

  @ApiPropertyOptional({ description: 'Đơn vị chủ trì' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: Object.keys(STATUS_WORDS), description: 'Trạng thái theo hạn (mã)' })
  @IsOptional()
  @IsIn(Object.keys(STATUS_WORDS))
  statusWord?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Hạn (kể cả gia hạn) đến hết ngày này' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Hạn (kể cả gia hạn) từ ngày này' })
  @IsOptional()
  @IsCalendarDate()
  dueAfter?: string;

  @ApiPropertyOptional({ example: 'cai cach', description: 'Tìm trong tên nhiệm vụ, có dấu hoặc không dấu' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** Tasks of the caller's own organization that they may see: there is no way to name another one. */
export class ListTasksQuery extends TaskFilterQuery {
  @ApiPropertyOptional({ enum: TASK_STATES })
  @IsOptional()
  @IsIn(TASK_STATES)
  state?: string;

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'created', description: 'created: theo thứ tự tạo; dueOn: hạn gần nhất trước; lastActivity: mới hoạt động trước' })
  @IsOptional()
  @IsIn(TASK_SORTS)
  sort: TaskSort = 'created';
}

export class WaitingOnDto {
  @ApiProperty({ enum: ['lead_unit', 'reviewers', 'approver', 'monitor', 'extension_decision', 'nobody'] }) kind: string;
  @ApiProperty({ type: [String] }) unitIds: string[];
  @ApiProperty({ example: 'Chờ ý kiến phối hợp: CCHC, TCBC' }) text: string;
}

export class TaskSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() workflowId: string;
  @ApiProperty({ nullable: true, type: String }) planId: string | null;
  @ApiProperty({ nullable: true, type: String }) sectionId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'II' }) sectionCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Nhiệm vụ của một đơn vị trong dòng do nhiều đơn vị chủ trì' }) parentTaskId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'II.2' }) rowKey: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Dòng do nhiều đơn vị chủ trì (groupTask): chỉ hủy và ghi nhận sự kiện' }) isGroup: boolean;
  @ApiProperty({ nullable: true, type: String }) ownerUnitId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'VP' }) ownerUnitCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Văn phòng Sở' }) ownerUnitName: string | null;
  @ApiProperty({ enum: TASK_STATES }) state: string;
  @ApiProperty({ example: 'Đang dự thảo' }) stateLabel: string;
  @ApiProperty({ enum: Object.keys(STATUS_WORDS), example: 'OPEN_ON_TIME' }) statusWord: string;
  @ApiProperty({ example: 'Đang thực hiện trong hạn' }) statusLabel: string;
  @ApiProperty({ nullable: true, type: String, example: '2023-02-28', description: 'Hạn theo kế hoạch (của bước hiện tại)' }) dueOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Hạn sau gia hạn' }) extendedDueOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Hạn đang áp dụng' }) effectiveDueOn: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2023-03-02',
    description:
      'Ngày kết thúc thời hạn theo ngày làm việc: hạn đang áp dụng rơi vào ngày nghỉ thì kết thúc vào cuối ngày làm việc tiếp theo (Điều 148 khoản 5 BLDS 2015, nếu cơ quan áp dụng); quá hạn tính từ sau ngày này',
  })
  workingDueOn: string | null;
  @ApiProperty({ nullable: true, type: String }) completedOn: string | null;
  @ApiProperty() progressPercent: number;
  @ApiProperty({ type: WaitingOnDto }) waitingOn: WaitingOnDto;
  @ApiProperty({ description: 'Gửi lại trong If-Match (hoặc expectedVersion) khi thao tác' }) version: number;
  @ApiProperty() lastActivityAt: string;
  @ApiProperty({
    enum: ['returned', 'disagreed'],
    nullable: true,
    type: String,
    description: 'Đang soạn lại vì: returned — lãnh đạo trả lại kèm ý kiến chỉ đạo; disagreed — đơn vị phối hợp không đồng ý ở vòng lấy ý kiến vừa rồi; null: không',
  })
  sentBack: 'returned' | 'disagreed' | null;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskSummaryDto] }) items: TaskSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Trần Quốc Việt' }) fullName: string;
  @ApiProperty({ example: 'Phó Giám đốc' }) title: string;
  @ApiProperty({ nullable: true, type: String, example: 'VP' }) unitCode: string | null;
}

export class TaskEventDto {
  @ApiProperty() version: number;
  @ApiProperty({ example: 'APPROVED' }) type: string;
  @ApiProperty({ example: 'Lãnh đạo phê duyệt, hoàn thành' }) label: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty({ nullable: true, type: String }) toState: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Người thực hiện; null: hệ thống (nhắc hạn, chuyển bước tự động)' }) actor: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Ký thay (KT.) cho người này' }) onBehalfOf: PersonRefDto | null;
  @ApiProperty({ example: 'KT. Giám đốc Lê Minh Tuấn — Phó Giám đốc Trần Quốc Việt' }) actorLabel: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) onBehalfOfUserId: string | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Dữ liệu của sự kiện (theo loại)' }) payload: Record<string, unknown>;
}

export class TaskHistoryPageDto {
  @ApiProperty({ type: [TaskEventDto], description: 'Mới nhất trước' }) items: TaskEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TaskHistoryQuery extends PageQuery {}

export class TaskCommentDto {
  @ApiProperty() version: number;
  @ApiProperty({ type: PersonRefDto, nullable: true }) author: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) onBehalfOf: PersonRefDto | null;
  @ApiProperty() authorLabel: string;
  @ApiProperty() text: string;
  @ApiProperty() at: string;
}

export class TaskUnitDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'CCHC' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['lead', 'coordinating'] }) role: string;
  @ApiProperty({ nullable: true, type: String, example: 'ALL_UNITS' }) viaGroup: string | null;
}

export class MilestoneDto {
  @ApiProperty() position: number;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['deadline', 'ongoing', 'event', 'external', 'recurring'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) dueOn: string | null;
  @ApiProperty({ enum: ['WAITING', 'OPEN', 'DONE'] }) state: string;
  @ApiProperty({ nullable: true, type: String }) completedOn: string | null;
  @ApiProperty() current: boolean;
}

export class CurrentStepDto {
  @ApiProperty() state: string;
  @ApiProperty({ example: 'Đang lấy ý kiến phối hợp' }) label: string;
  @ApiProperty({ type: MilestoneDto, nullable: true }) milestone: MilestoneDto | null;
}

export class GroupChildDto {
  @ApiProperty() id: string;
  @ApiProperty() unitCode: string;
  @ApiProperty() state: string;
  @ApiProperty() statusWord: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ nullable: true, type: String }) effectiveDueOn: string | null;
  @ApiProperty({ nullable: true, type: String }) completedOn: string | null;
}

/** One field of a step's form (from the action registry's `fields`: `formOf`). */
export class ActionFormFieldDto {
  @ApiProperty({ example: 'message' }) name: string;
  @ApiProperty({ enum: ['text', 'date', 'int', 'boolean', 'enum'] }) kind: 'text' | 'date' | 'int' | 'boolean' | 'enum';
  @ApiProperty() required: boolean;
  @ApiProperty({ example: 'Lời nhắn' }) label: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number }) maxLength: number | null;
  @ApiProperty({ nullable: true, type: Number }) min: number | null;
  @ApiProperty({ nullable: true, type: Number }) max: number | null;
  @ApiProperty({ nullable: true, type: [String] }) values: string[] | null;
}

export class AvailableActionDto {
  @ApiProperty({ description: 'Tên thao tác (POST /tasks/:id/<route>)', example: 'submit' }) action: string;
  @ApiProperty({ description: 'Đường dẫn của thao tác', example: 'submit' }) route: string;
  @ApiProperty({ description: 'Nhãn nút bấm', example: 'Trình' }) label: string;
  @ApiProperty({ type: [String], description: 'Các trường người dùng cần nhập', example: ['overrideReview', 'justification'] }) needs: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'Chỉ khi ký thay (KT.): tên đăng nhập của người được ký thay (header X-On-Behalf-Of); vắng: người gọi tự thực hiện được',
  })
  onBehalfOf?: string[];
  @ApiProperty({
    type: [ActionFormFieldDto],
    nullable: true,
    description: 'Biểu mẫu của thao tác, từ các trường khai báo trong sổ thao tác; null: thao tác cần chọn đơn vị, người hoặc tệp (có biểu mẫu riêng)',
  })
  form: ActionFormFieldDto[] | null;
}

export class InstructionDto {
  @ApiProperty({ enum: ['returned'] }) kind: 'returned';
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Người cho ý kiến chỉ đạo' }) by: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'KT. Giám đốc: Giám đốc được ký thay' }) onBehalfOf: PersonRefDto | null;
  @ApiProperty({ nullable: true, type: String, example: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' }) signedAs: string | null;
  @ApiProperty({ description: 'Thời điểm (ISO)' }) at: string;
  @ApiProperty({ description: 'Ý kiến chỉ đạo' }) text: string;
}

/** A file of the draft (an id of POST /tasks/:id/attachments). */
export class DraftAttachmentDto {
  @ApiProperty() fileId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() sha256?: string;
  @ApiPropertyOptional() size?: number;
}

export class DraftDto {
  @ApiProperty() text: string;
  @ApiProperty({ type: [DraftAttachmentDto] }) attachments: DraftAttachmentDto[];
  @ApiProperty() progressPercent: number;
  @ApiProperty({ nullable: true, type: String }) updatedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class ReviewOpinionViewDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitCode: string;
  @ApiProperty({ enum: ['agree', 'agree_with_comments', 'disagree'], nullable: true, type: String })
  opinion: 'agree' | 'agree_with_comments' | 'disagree' | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: String }) byUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) at: string | null;
  @ApiProperty({ description: 'Tính là đồng ý vì đơn vị không cho ý kiến trong thời hạn' }) silent: boolean;
}

export class ReviewRoundDto {
  @ApiProperty() round: number;
  @ApiProperty() startedOn: string;
  @ApiProperty() windowEndsOn: string;
  @ApiProperty({ type: [ReviewOpinionViewDto] }) opinions: ReviewOpinionViewDto[];
  @ApiProperty() escalated: boolean;
}

export class LastReviewDto {
  @ApiProperty({ enum: ['agreed', 'disagreed', 'silent'] }) outcome: 'agreed' | 'disagreed' | 'silent';
  @ApiProperty({ type: [ReviewOpinionViewDto] }) comments: ReviewOpinionViewDto[];
}

export class SubmissionDto {
  @ApiProperty() overrideReview: boolean;
  @ApiProperty({ nullable: true, type: String }) justification: string | null;
  @ApiProperty() byUserId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) note?: string | null;
}

export class PendingExtensionDto {
  @ApiProperty() requestedDueOn: string;
  @ApiProperty() reason: string;
  @ApiProperty() byUserId: string;
}

export class ExtensionsDto {
  @ApiProperty() granted: number;
  @ApiProperty() max: number;
  @ApiProperty({ type: PendingExtensionDto, nullable: true }) pending: PendingExtensionDto | null;
}

export class BlockerViewDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty() raisedBy: string;
  @ApiProperty() raisedAt: string;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
}

export class RoundViewDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() opensOn: string;
  @ApiProperty() dueOn: string;
  @ApiProperty({ enum: ['UPCOMING', 'OPEN', 'SUBMITTED', 'ACKNOWLEDGED'] }) state: 'UPCOMING' | 'OPEN' | 'SUBMITTED' | 'ACKNOWLEDGED';
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
}

export class TriggerDto {
  @ApiProperty() description: string;
  @ApiProperty() eventDate: string;
}

/** The parts of the workflow's snapshot the detail carries; a task started by an older workflow may lack any of them. */
export class WorkflowSnapshotDto {
  @ApiPropertyOptional({ enum: ['single', 'recurring'] }) mode?: 'single' | 'recurring';
  @ApiPropertyOptional({ description: 'Đơn vị phối hợp chưa được nêu tên (sẽ do đơn vị chủ trì chọn)' }) coordinatingToBeNamed?: boolean;
  @ApiPropertyOptional({ type: DraftDto }) draft?: DraftDto;
  @ApiPropertyOptional({ type: ReviewRoundDto, nullable: true }) review?: ReviewRoundDto | null;
  @ApiPropertyOptional({ type: LastReviewDto, nullable: true }) lastReview?: LastReviewDto | null;
  @ApiPropertyOptional({ type: SubmissionDto, nullable: true }) submission?: SubmissionDto | null;
  @ApiPropertyOptional({ type: ExtensionsDto }) extensions?: ExtensionsDto;
  @ApiPropertyOptional({ type: [BlockerViewDto] }) blockers?: BlockerViewDto[];
  @ApiPropertyOptional({ type: [RoundViewDto] }) rounds?: RoundViewDto[];
  @ApiPropertyOptional({ type: TriggerDto, nullable: true }) trigger?: TriggerDto | null;
}

export class TaskDetailDto extends TaskSummaryDto {
  @ApiProperty() leadRaw: string;
  @ApiProperty() coordinatingRaw: string;
  @ApiProperty() timelineRaw: string;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: String }) planTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) sectionTitle: string | null;
  @ApiProperty({ type: [TaskUnitDto] }) units: TaskUnitDto[];
  @ApiProperty({ type: [String], description: 'Đơn vị phối hợp còn chưa cho ý kiến (mã)' }) pendingReviewUnitCodes: string[];
  @ApiProperty({ type: CurrentStepDto }) currentStep: CurrentStepDto;
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
  @ApiProperty({
    type: WorkflowSnapshotDto,
    description: 'Ảnh chụp của workflow: draft, review, lastReview, submission, extensions, blockers, rounds, trigger',
  })
  workflow: WorkflowSnapshotDto;
  @ApiProperty({ type: [GroupChildDto], description: 'Nhiệm vụ của từng đơn vị (dòng do nhiều đơn vị chủ trì)' }) children: GroupChildDto[];
  @ApiProperty({ type: [TaskCommentDto] }) comments: TaskCommentDto[];
  @ApiProperty({ type: [TaskEventDto], description: 'Trang đầu của lịch sử (mới nhất trước)' }) history: TaskEventDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Trang sau: GET /tasks/:id/history?cursor=…' }) historyNextCursor: string | null;
  @ApiProperty({ type: [AvailableActionDto], description: 'Các thao tác người gọi được thực hiện lúc này (theo đúng kiểm tra của workflow)' })
  availableActions: AvailableActionDto[];
  @ApiProperty({ type: InstructionDto, nullable: true, description: 'Ý kiến chỉ đạo mới nhất khi lãnh đạo trả lại (đến lần trình sau)' })
  instruction: InstructionDto | null;
  @ApiProperty({ type: () => AssigneeDto, nullable: true, description: 'Cán bộ được giao (giao cho cán bộ); null: chưa giao cho ai' })
  assignee: AssigneeDto | null;
}

/** The officer of the lead unit a task is given to. */
export class AssigneeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty() username: string;
  @ApiProperty() title: string;
}
