import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { TaskSnapshot } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { MAX_ASSIGN_NOTE } from '@app/workflows/task-lifecycle/actions/assign';
import { MAX_SUBMIT_NOTE } from '@app/workflows/task-lifecycle/actions/submit';
import { TaskDetailDto } from './task.dto';

/**
 * Bodies of `POST /tasks/:id/<action>`, one per workflow Update. They carry what the person
 * decides, never who they are (the actor comes from the token) nor the idempotency key (a header):
 * an `actor` or `idempotencyKey` property is refused like any unknown one (400 VALIDATION_FAILED).
 * Shapes and sizes are checked here; whether the action is allowed now, and whether a text may be
 * blank, is the workflow's decision (its refusal comes back with its Vietnamese message).
 */

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ISO_DATE_MESSAGE = 'cần ngày dạng YYYY-MM-DD';
/** The workflow's own limit of a text (task-machine MAX_TEXT). */
const MAX_TEXT = 20_000;
const UNIT_CODE = /^[A-Z0-9_-]{1,32}$/;

export class ActionBodyDto {
  @ApiPropertyOptional({ description: 'Phiên bản nhiệm vụ người dùng đang xem (thay cho header If-Match); khác phiên bản hiện tại → 409 STALE_VERSION' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

export class AttachmentDto {
  @ApiProperty({ description: 'Định danh tệp đã tải lên' })
  @IsString()
  @MaxLength(200)
  fileId: string;

  @ApiProperty({ example: 'du-thao.docx' })
  @IsString()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ description: 'SHA-256 (hex)' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  sha256?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  size?: number;
}

export class SaveDraftDto extends ActionBodyDto {
  @ApiPropertyOptional({ description: 'Nội dung dự thảo' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  text?: string;

  @ApiPropertyOptional({ type: [AttachmentDto], description: 'Tệp đính kèm (thay cả danh sách)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent?: number;
}

export class NameCoordinatingUnitsDto extends ActionBodyDto {
  @ApiProperty({ example: ['CCHC', 'TCBC'], description: 'Mã các đơn vị phối hợp; danh sách rỗng: không cần đơn vị phối hợp' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(UNIT_CODE, { each: true, message: 'unitCodes: mã đơn vị không hợp lệ' })
  unitCodes: string[];
}

export class SubmitDto extends ActionBodyDto {
  @ApiPropertyOptional({ description: 'Trình phê duyệt dù đơn vị phối hợp không đồng ý hoặc quá hạn không cho ý kiến' })
  @IsOptional()
  @IsBoolean()
  overrideReview?: boolean;

  @ApiPropertyOptional({ description: 'Lý do trình vượt (bắt buộc khi overrideReview)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  justification?: string;

  @ApiPropertyOptional({ description: 'Ghi chú gửi đơn vị phối hợp và lãnh đạo phê duyệt (tối đa 2.000 ký tự)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SUBMIT_NOTE)
  note?: string;
}

export class ReviewDto extends ActionBodyDto {
  @ApiProperty({ enum: ['agree', 'agree_with_comments', 'disagree'] })
  @IsIn(['agree', 'agree_with_comments', 'disagree'])
  opinion: 'agree' | 'agree_with_comments' | 'disagree';

  @ApiPropertyOptional({ description: 'Bắt buộc khi có góp ý hoặc không đồng ý' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  comment?: string;
}

export class ApproveDto extends ActionBodyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  comment?: string;
}

export class ReturnDto extends ActionBodyDto {
  @ApiProperty({ description: 'Ý kiến chỉ đạo' })
  @IsString()
  @MaxLength(MAX_TEXT)
  comment: string;
}

export class ReasonDto extends ActionBodyDto {
  @ApiProperty()
  @IsString()
  @MaxLength(MAX_TEXT)
  reason: string;
}

export class RejectDto extends ReasonDto {}
export class CancelDto extends ReasonDto {}

export class RequestExtensionDto extends ReasonDto {
  @ApiProperty({ example: '2026-06-10' })
  @Matches(ISO_DATE, { message: `newDueOn: ${ISO_DATE_MESSAGE}` })
  newDueOn: string;
}

export class DecideExtensionDto extends ActionBodyDto {
  @ApiProperty({ enum: ['grant', 'grant_other_date', 'refuse'] })
  @IsIn(['grant', 'grant_other_date', 'refuse'])
  decision: 'grant' | 'grant_other_date' | 'refuse';

  @ApiPropertyOptional({ description: 'Bắt buộc với grant_other_date' })
  @IsOptional()
  @Matches(ISO_DATE, { message: `newDueOn: ${ISO_DATE_MESSAGE}` })
  newDueOn?: string;

  @ApiPropertyOptional({ description: 'Bắt buộc khi không đồng ý' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  comment?: string;
}

export class ReassignDto extends ReasonDto {
  @ApiProperty({ example: 'CCHC', description: 'Mã đơn vị nhận nhiệm vụ' })
  @Matches(UNIT_CODE, { message: 'unitCode: mã đơn vị không hợp lệ' })
  unitCode: string;

  @ApiPropertyOptional({ description: 'Hạn mới của nhiệm vụ' })
  @IsOptional()
  @Matches(ISO_DATE, { message: `newDueOn: ${ISO_DATE_MESSAGE}` })
  newDueOn?: string;
}

export class RaiseBlockerDto extends ActionBodyDto {
  @ApiProperty({ description: 'Khó khăn, vướng mắc' })
  @IsString()
  @MaxLength(MAX_TEXT)
  text: string;
}

export class ResolveBlockerDto extends ActionBodyDto {
  @ApiProperty({ description: 'id của vướng mắc (workflow.blockers[].id)' })
  @IsString()
  @MaxLength(300)
  blockerId: string;

  @ApiProperty()
  @IsString()
  @MaxLength(MAX_TEXT)
  resolution: string;
}

export class RecordTriggerDto extends ActionBodyDto {
  @ApiProperty({ example: '2026-03-02', description: 'Ngày xảy ra sự kiện (không ở tương lai)' })
  @Matches(ISO_DATE, { message: `eventDate: ${ISO_DATE_MESSAGE}` })
  eventDate: string;

  @ApiProperty({ example: 'UBND tỉnh ban hành Quy chế thi đua, khen thưởng' })
  @IsString()
  @MaxLength(MAX_TEXT)
  description: string;
}

export class CommentDto extends ActionBodyDto {
  @ApiProperty()
  @IsString()
  @MaxLength(5000)
  text: string;
}

export class SubmitReportDto extends ActionBodyDto {
  @ApiProperty({ example: '2026-Q1' })
  @IsString()
  @MaxLength(100)
  roundKey: string;

  @ApiProperty()
  @IsString()
  @MaxLength(MAX_TEXT)
  text: string;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

export class AcknowledgeReportDto extends ActionBodyDto {
  @ApiProperty({ example: '2026-Q1' })
  @IsString()
  @MaxLength(100)
  roundKey: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  comment?: string;
}

export class RemindDto extends ActionBodyDto {
  @ApiPropertyOptional({ description: 'Lời nhắn đôn đốc (không bắt buộc)', example: 'Đề nghị khẩn trương hoàn thành trước ngày 15/3.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  message?: string;
}

export class AssignDto extends ActionBodyDto {
  @ApiProperty({ description: 'Cán bộ được giao: người đang làm việc của đơn vị chủ trì (GET /units/:code/people)', format: 'uuid' })
  @IsUUID()
  assigneeUserId: string;

  @ApiPropertyOptional({ description: 'Ghi chú giao việc (tối đa 2.000 ký tự)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ASSIGN_NOTE)
  note?: string;
}

export class TaskActionResultDto {
  @ApiProperty({ example: 'approve' }) action: string;
  @ApiProperty({ description: 'Phiên bản sau thao tác (cũng trong header ETag)' }) version: number;
  @ApiProperty({ type: Object, description: 'Ảnh chụp nhiệm vụ do workflow trả về' }) snapshot: TaskSnapshot;
  @ApiProperty({
    type: TaskDetailDto,
    nullable: true,
    description: 'Nhiệm vụ sau thao tác; null khi thao tác đưa nhiệm vụ ra khỏi phạm vi của người dùng (ví dụ giao lại cho đơn vị khác)',
  })
  task: TaskDetailDto | null;
}
