import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { PlanParseResult, ProseTaskCandidate } from '@app/domain';
import { DIFF_FIELDS, type AddedRow, type ChangedRow, type DiffField, type MovedRow, type StoredPlanRow } from './plan-diff';

/** The form fields beside the file of POST /plans/imports (multipart/form-data). */
export class UploadPlanForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Tệp kế hoạch: .docx, .xlsx hoặc .txt' })
  @IsOptional()
  file?: unknown;

  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description: 'Tệp phụ lục của kế hoạch ("Nhiệm vụ cụ thể theo Phụ lục đính kèm") khi phụ lục là tệp riêng: tiêu đề lấy từ tệp kế hoạch, các dòng nhiệm vụ lấy từ tệp phụ lục',
  })
  @IsOptional()
  appendix?: unknown;

  @ApiPropertyOptional({ description: 'Năm kế hoạch, thay cho năm đọc từ tiêu đề', example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** One prose candidate chosen to become a task, with the monitor's edits (every field but `id` optional). */
export class ChosenCandidateDto {
  @ApiProperty({ description: 'Mã nhiệm vụ đề xuất (`candidates[].id` của bản xem trước)', example: 'c1a2b3c4d' })
  @IsString()
  @Matches(/^c[0-9a-f]{8}(?:-\d{1,3})?$/)
  id: string;

  @ApiPropertyOptional({ description: 'Tên nhiệm vụ đã sửa; mặc định là tên đề xuất', example: 'Xây dựng kế hoạch CCHC hàng năm của Sở' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  title?: string;

  @ApiPropertyOptional({ description: 'Mã đơn vị chủ trì (GET /units); bắt buộc khi đề xuất không đọc được đơn vị trong danh mục', example: 'VP' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  leadUnitCode?: string;

  @ApiPropertyOptional({ type: [String], description: 'Mã các đơn vị phối hợp, thay cho các đơn vị đọc được; [] là không có', example: ['TCBC'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { each: true })
  coordinatingUnitCodes?: string[];

  @ApiPropertyOptional({
    description: 'Thời gian thực hiện đã sửa, như ô "Thời gian thực hiện" của phụ lục ("Hằng năm", "Quý II, quý III năm 2024", "Trước ngày 20/01/2024", "Khi có kết quả…")',
    example: 'Hằng quý',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  timeline?: string;
}

export class ConfirmPlanImportBody {
  @ApiPropertyOptional({
    type: [ChosenCandidateDto],
    description:
      'Kế hoạch không có bảng phụ lục: các nhiệm vụ đề xuất được chọn (có thể sửa). Mỗi nhiệm vụ thành một nhiệm vụ của kế hoạch (mục VB, STT = mã đề xuất); lỗi ở bất kỳ nhiệm vụ nào → 422 CANDIDATES_REFUSED, không lưu gì',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ChosenCandidateDto)
  candidates?: ChosenCandidateDto[];

  @ApiPropertyOptional({ description: 'Chấp nhận mọi cảnh báo của bản xem trước' })
  @IsOptional()
  @IsBoolean()
  acceptWarnings?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Mã các cảnh báo đã xem và chấp nhận', example: ['DECLARED_TOTAL_MISMATCH'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @Matches(/^[A-Z_]+$/, { each: true })
  acceptedWarnings?: string[];
}

export class UnitMappingDto {
  @ApiProperty({ description: 'Tên đơn vị như tệp ghi: một tên chưa có trong danh mục của bản xem trước', example: 'Phòng Tài chính' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ description: 'Mã đơn vị trong danh mục (GET /units) thay cho tên đó', example: 'VP' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  unitCode: string;
}

/** PUT /plans/imports/:id/unit-mappings: the whole set, replacing the previous one. */
export class PutUnitMappingsBody {
  @ApiProperty({
    type: [UnitMappingDto],
    description: 'Mọi ánh xạ tên đơn vị → đơn vị của bản nhập, thay cho các ánh xạ trước; [] bỏ hết',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => UnitMappingDto)
  mappings: UnitMappingDto[];
}

/** A unit a cell names: a unit code of the directory, or a group ("các phòng, ban…"); `raw` as written. */
export class ParsedUnitRefDto {
  @ApiProperty({ example: 'Văn phòng Sở' }) raw: string;
  @ApiPropertyOptional({ example: 'VP' }) unit?: string;
  @ApiPropertyOptional({ enum: ['ALL_UNITS', 'AFFILIATED_UNITS', 'RELEVANT'] }) group?: 'ALL_UNITS' | 'AFFILIATED_UNITS' | 'RELEVANT';
}

/** One milestone read from a timeline cell (libs/domain timeline parser). */
export class ParsedMilestoneDto {
  @ApiProperty({ description: 'Nhãn trước dấu ":" của ô thời gian, hoặc rỗng' }) label: string;
  @ApiProperty({ enum: ['deadline', 'ongoing', 'event', 'external', 'recurring'] }) kind: 'deadline' | 'ongoing' | 'event' | 'external' | 'recurring';
  @ApiProperty({ nullable: true, type: String, example: '2023-02-28' }) due: string | null;
  @ApiProperty({ nullable: true, type: String }) start: string | null;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Sự kiện hoặc lịch bên ngoài, như văn bản ghi' }) trigger: string | null;
  @ApiProperty({ enum: ['reporting-calendar', 'weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly', 'on-event'], nullable: true, type: String })
  recurrence: 'reporting-calendar' | 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly' | 'on-event' | null;
  @ApiProperty({ description: 'Phần của ô thời gian đọc ra mốc này' }) source: string;
  @ApiPropertyOptional({ description: 'Ngày trong tháng của hạn mỗi kỳ (chỉ nhiệm vụ định kỳ)' }) roundDay?: number;
}

export class ParsedTaskDto {
  @ApiProperty({ example: 'I' }) section: string;
  @ApiProperty({ example: '1' }) ordinal: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [ParsedUnitRefDto] }) lead: ParsedUnitRefDto[];
  @ApiProperty({ type: [ParsedUnitRefDto] }) coordinating: ParsedUnitRefDto[];
  @ApiProperty({ description: 'Ô "Thời gian thực hiện" như văn bản ghi' }) timeline: string;
  @ApiProperty({ type: [ParsedMilestoneDto] }) milestones: ParsedMilestoneDto[];
  @ApiProperty() note: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Các cột khác của phụ lục ("Sản phẩm"), theo tiêu đề cột' })
  extra?: Record<string, string>;
}

/** Where a row sits in the uploaded file. */
export class RowSourceDto {
  @ApiPropertyOptional() line?: number;
  @ApiPropertyOptional() row?: number;
  @ApiPropertyOptional() sheet?: string;
  @ApiPropertyOptional() table?: number;
}

export class ParseIssueDto {
  @ApiProperty({ example: 'UNKNOWN_UNIT' }) code: string;
  @ApiProperty({ description: 'Tiếng Việt, cho người xem bản xem trước' }) message: string;
  @ApiPropertyOptional() section?: string;
  @ApiPropertyOptional() ordinal?: string;
  @ApiPropertyOptional({ description: "'lead' | 'coordinating' | 'timeline', hoặc tiêu đề cột khác" }) cell?: string;
  @ApiPropertyOptional({ description: 'Đoạn văn bản có lỗi, như văn bản ghi' }) raw?: string;
  @ApiPropertyOptional({ type: RowSourceDto }) source?: RowSourceDto;
}

export class DatePartsDto {
  @ApiProperty({ nullable: true, type: Number }) day: number | null;
  @ApiProperty({ nullable: true, type: Number }) month: number | null;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
}

export class PeriodDto {
  @ApiProperty() startYear: number;
  @ApiProperty() endYear: number;
}

/** What the plan says about itself (số, ký hiệu, tiêu đề, cơ quan ban hành, người ký); null when it does not say. */
export class PlanHeaderDto {
  @ApiProperty({ nullable: true, type: String, example: '123/KH-SNV' }) number: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'KH-SNV' }) symbol: string | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) appendixTitle: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SỞ NỘI VỤ' }) issuer: string | null;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ nullable: true, type: String }) date: string | null;
  @ApiProperty({ type: DatePartsDto, nullable: true }) dateParts: DatePartsDto | null;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ type: PeriodDto, nullable: true }) period: PeriodDto | null;
  @ApiProperty({ nullable: true, type: String }) signer: string | null;
  @ApiProperty({ nullable: true, type: String }) signerPosition: string | null;
  @ApiProperty() signedOnBehalf: boolean;
  @ApiProperty({ nullable: true, type: String }) signingFor: string | null;
}

export class PlanSectionRefDto {
  @ApiProperty({ example: 'I' }) code: string;
  @ApiProperty() title: string;
}

/** The file as read, like `plan parse` of the CLI. */
export class PlanParseDto {
  @ApiProperty({ type: PlanHeaderDto }) header: PlanHeaderDto;
  @ApiProperty({ nullable: true, type: Number }) planYear: number | null;
  @ApiProperty({ nullable: true, type: Number }) planEndYear: number | null;
  @ApiProperty({ type: [PlanSectionRefDto] }) sections: PlanSectionRefDto[];
  @ApiProperty({ type: [ParsedTaskDto] }) tasks: ParsedTaskDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'N của "Tổng cộng: N nhiệm vụ"' }) declaredTotal: number | null;
  @ApiProperty({ type: [ParseIssueDto] }) warnings: ParseIssueDto[];
  @ApiProperty({ type: [ParseIssueDto], description: 'Lỗi chặn việc nhập' }) errors: ParseIssueDto[];
}

export class ProseSourceDto {
  @ApiProperty() line: number;
  @ApiProperty({ nullable: true, type: String }) section: string | null;
  @ApiProperty() text: string;
}

/** A duty found in the prose of a plan without an appendix table (a task to propose). */
export class ProseCandidateDto {
  @ApiProperty({ example: 'c1a2b3c4d' }) id: string;
  @ApiProperty({ enum: ['task', 'responsibility', 'dated-obligation'] }) kind: 'task' | 'responsibility' | 'dated-obligation';
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) leadText: string | null;
  @ApiProperty({ nullable: true, type: String }) leadUnitCode: string | null;
  @ApiProperty({ enum: ['ALL_UNITS', 'AFFILIATED_UNITS'], nullable: true, type: String }) leadGroup: 'ALL_UNITS' | 'AFFILIATED_UNITS' | null;
  @ApiProperty() coordinatingToBeNamed: boolean;
  @ApiProperty({ nullable: true, type: String }) coordinatingText: string | null;
  @ApiProperty({ type: [String] }) coordinatingUnitCodes: string[];
  @ApiProperty({ nullable: true, type: String }) timelineText: string | null;
  @ApiProperty({ type: [ParsedMilestoneDto] }) milestones: ParsedMilestoneDto[];
  @ApiProperty({ nullable: true, type: String }) due: string | null;
  @ApiProperty({ type: [ProseSourceDto] }) sources: ProseSourceDto[];
  @ApiProperty() sourceSentence: string;
  @ApiProperty() sourceLine: number;
  @ApiProperty({ nullable: true, type: String }) section: string | null;
  @ApiProperty({ enum: ['high', 'medium'] }) confidence: 'high' | 'medium';
  @ApiProperty({ description: 'Lời kêu gọi, không có sản phẩm: xếp cuối' }) exhortation: boolean;
  @ApiProperty({ enum: ['subject', 'heading', 'partner', 'area'], nullable: true, type: String }) leadFrom: 'subject' | 'heading' | 'partner' | 'area' | null;
}

/** A row of the plan, the cells as written. */
export class PlanRowDto {
  @ApiProperty({ example: 'II.3' }) rowKey: string;
  @ApiProperty() title: string;
  @ApiProperty() lead: string;
  @ApiProperty() coordinating: string;
  @ApiProperty() timeline: string;
}

export class AddedRowDto extends PlanRowDto {
  @ApiProperty({ description: 'false: số thứ tự đã thuộc về nhiệm vụ khác (đánh số lại): không nhập, người dùng thêm tay' }) importable: boolean;
}

export class StoredPlanRowDto extends PlanRowDto {
  @ApiProperty() taskId: string;
  @ApiProperty() state: string;
  @ApiProperty() statusWord: string;
}

export class FieldChangeDto {
  @ApiProperty({ enum: DIFF_FIELDS }) field: DiffField;
  @ApiProperty() before: string;
  @ApiProperty() after: string;
}

export class ChangedRowDto {
  @ApiProperty() rowKey: string;
  @ApiProperty() taskId: string;
  @ApiProperty({ description: 'Tên đã lưu' }) title: string;
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
}

export class MovedRowDto {
  @ApiProperty({ description: 'Số thứ tự đã lưu' }) from: string;
  @ApiProperty({ description: 'Số thứ tự trong tệp mới' }) to: string;
  @ApiProperty() taskId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
}

export class NotImportedRowDto {
  @ApiProperty() rowKey: string;
  @ApiProperty() title: string;
  @ApiProperty() reason: string;
}

export class ConfirmedCandidateDto {
  @ApiProperty({ example: 'c1a2b3c4d' }) id: string;
  @ApiProperty({ example: 'VB.c1a2b3c4d' }) rowKey: string;
  @ApiProperty() workflowId: string;
}

export class PlanDiffDto {
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty({ type: [String], description: 'Dòng giữ nguyên (mục.STT)' }) unchanged: string[];
  @ApiProperty({ type: [AddedRowDto], description: 'Dòng mới; importable=false khi số thứ tự đã thuộc về nhiệm vụ khác (đánh số lại)' })
  added: AddedRow[];
  @ApiProperty({ type: [StoredPlanRowDto], description: 'Dòng không còn trong tệp: nhiệm vụ vẫn chạy, người có thẩm quyền hủy nếu cần' })
  removed: StoredPlanRow[];
  @ApiProperty({ type: [ChangedRowDto], description: 'Dòng cùng số thứ tự, nội dung khác: không tự sửa nhiệm vụ đang chạy' })
  changed: ChangedRow[];
  @ApiProperty({ type: [MovedRowDto], description: 'Dòng được đánh số lại' }) moved: MovedRow[];
}

export class PlanImportConfirmationDto {
  @ApiProperty() importId: string;
  @ApiProperty() planId: string;
  @ApiProperty() planKey: string;
  @ApiProperty({ description: 'Nhiệm vụ (dòng) mới tạo' }) tasksCreated: number;
  @ApiProperty({ description: 'Nhiệm vụ giao từng đơn vị của các dòng do nhiều đơn vị chủ trì, mới tạo' }) childTasksCreated: number;
  @ApiProperty({ description: 'Dòng của tệp đã có nhiệm vụ từ trước' }) tasksExisting: number;
  @ApiProperty({ description: 'Số dòng (nhiệm vụ) của kế hoạch sau khi nhập' }) planTasks: number;
  @ApiProperty({ type: [NotImportedRowDto], description: 'Dòng không được nhập, kèm lý do' })
  notImported: Array<{ rowKey: string; title: string; reason: string }>;
  @ApiProperty({ type: PlanDiffDto, nullable: true }) diff: PlanDiffDto | null;
  @ApiProperty() confirmedAt: string;
  @ApiProperty() summary: string;
  @ApiPropertyOptional({
    type: [ConfirmedCandidateDto],
    description: 'Nhiệm vụ đề xuất đã chọn: mã đề xuất, STT của nhiệm vụ (VB.<mã>) và workflow của nó',
    example: [{ id: 'c1a2b3c4d', rowKey: 'VB.c1a2b3c4d', workflowId: 'plan-…-row-VB.c1a2b3c4d' }],
  })
  candidates?: Array<{ id: string; rowKey: string; workflowId: string }>;
}

export class PlanImportDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['previewed', 'confirmed', 'discarded'] }) status: 'previewed' | 'confirmed' | 'discarded';
  @ApiProperty() fileName: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) uploadedBy: string | null;
  @ApiProperty({ type: PlanParseDto, description: 'Kết quả phân tích, như `plan parse` của CLI: header, sections, tasks, warnings, errors' })
  parse: PlanParseResult;
  @ApiProperty({
    type: [ProseCandidateDto],
    description:
      'Nhiệm vụ đề xuất từ văn bản kế hoạch không có bảng phụ lục (mục "Nhiệm vụ", "Tổ chức thực hiện", các hạn nộp): id, kind, title, leadText, leadUnitCode, coordinatingText, coordinatingUnitCodes, timelineText, milestones, due, sources [{line, section, text}], confidence, exhortation (lời kêu gọi, xếp cuối); chọn bằng POST …/confirm {candidates}',
  })
  candidates: ProseTaskCandidate[];
  @ApiProperty({ type: [UnitMappingDto], description: 'Đơn vị đã chọn cho các tên không có trong danh mục; `parse` là tệp đọc với các ánh xạ này' })
  unitMappings: UnitMappingDto[];
  @ApiProperty({ description: 'Có thể xác nhận nhập theo bảng phụ lục: không còn lỗi và có nhiệm vụ' }) importable: boolean;
  @ApiProperty({
    enum: ['table', 'prose'],
    description: 'table: nhiệm vụ đọc từ bảng phụ lục (xác nhận cả bảng); prose: kế hoạch không có bảng, nhiệm vụ đề xuất từ văn bản (xác nhận các nhiệm vụ đã chọn)',
  })
  kind: 'table' | 'prose';
  @ApiProperty({
    type: [ParseIssueDto],
    description: 'Lỗi chặn việc xác nhận theo loại kế hoạch: với kế hoạch không có bảng, các lỗi chỉ nói tệp không có bảng phụ lục (HEADER_NOT_FOUND) không tính',
  })
  blockingErrors: ParseIssueDto[];
  @ApiProperty({ type: PlanDiffDto, nullable: true, description: 'So với kế hoạch đã nhập cùng tiêu đề và năm' })
  diff: PlanDiffDto | null;
  @ApiProperty({ nullable: true, type: String }) planId: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedAt: string | null;
  @ApiProperty({ type: PlanImportConfirmationDto, nullable: true }) confirmation: PlanImportConfirmationDto | null;
}
