import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { PlanParseResult, ProseTaskCandidate } from '@app/domain';
import type { AddedRow, ChangedRow, MovedRow, StoredPlanRow } from './plan-diff';

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

export class PlanDiffDto {
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty({ type: [String], description: 'Dòng giữ nguyên (mục.STT)' }) unchanged: string[];
  @ApiProperty({ type: [Object], description: 'Dòng mới; importable=false khi số thứ tự đã thuộc về nhiệm vụ khác (đánh số lại)' })
  added: AddedRow[];
  @ApiProperty({ type: [Object], description: 'Dòng không còn trong tệp: nhiệm vụ vẫn chạy, người có thẩm quyền hủy nếu cần' })
  removed: StoredPlanRow[];
  @ApiProperty({ type: [Object], description: 'Dòng cùng số thứ tự, nội dung khác: không tự sửa nhiệm vụ đang chạy' })
  changed: ChangedRow[];
  @ApiProperty({ type: [Object], description: 'Dòng được đánh số lại' }) moved: MovedRow[];
}

export class PlanImportConfirmationDto {
  @ApiProperty() importId: string;
  @ApiProperty() planId: string;
  @ApiProperty() planKey: string;
  @ApiProperty({ description: 'Nhiệm vụ (dòng) mới tạo' }) tasksCreated: number;
  @ApiProperty({ description: 'Nhiệm vụ giao từng đơn vị của các dòng do nhiều đơn vị chủ trì, mới tạo' }) childTasksCreated: number;
  @ApiProperty({ description: 'Dòng của tệp đã có nhiệm vụ từ trước' }) tasksExisting: number;
  @ApiProperty({ description: 'Số dòng (nhiệm vụ) của kế hoạch sau khi nhập' }) planTasks: number;
  @ApiProperty({ type: [Object], description: 'Dòng không được nhập, kèm lý do' })
  notImported: Array<{ rowKey: string; title: string; reason: string }>;
  @ApiProperty({ type: PlanDiffDto, nullable: true }) diff: PlanDiffDto | null;
  @ApiProperty() confirmedAt: string;
  @ApiProperty() summary: string;
  @ApiPropertyOptional({
    type: [Object],
    description: 'Nhiệm vụ đề xuất đã chọn: mã đề xuất, STT của nhiệm vụ (VB.<mã>) và workflow của nó',
    example: [{ id: 'c1a2b3c4d', rowKey: 'VB.c1a2b3c4d', workflowId: 'plan-…-row-VB.c1a2b3c4d' }],
  })
  candidates?: Array<{ id: string; rowKey: string; workflowId: string }>;
}

export class PlanImportDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['previewed', 'confirmed', 'discarded'] }) status: string;
  @ApiProperty() fileName: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) uploadedBy: string | null;
  @ApiProperty({ type: Object, description: 'Kết quả phân tích, như `plan parse` của CLI: header, sections, tasks, warnings, errors' })
  parse: PlanParseResult;
  @ApiProperty({
    type: [Object],
    description:
      'Nhiệm vụ đề xuất từ văn bản kế hoạch không có bảng phụ lục (mục "Nhiệm vụ", "Tổ chức thực hiện", các hạn nộp): id, kind, title, leadText, leadUnitCode, coordinatingText, coordinatingUnitCodes, timelineText, milestones, due, sources [{line, section, text}], confidence, exhortation (lời kêu gọi, xếp cuối); chọn bằng POST …/confirm {candidates}',
  })
  candidates: ProseTaskCandidate[];
  @ApiProperty({ type: [UnitMappingDto], description: 'Đơn vị đã chọn cho các tên không có trong danh mục; `parse` là tệp đọc với các ánh xạ này' })
  unitMappings: UnitMappingDto[];
  @ApiProperty({ description: 'Có thể xác nhận nhập: không còn lỗi và có nhiệm vụ' }) importable: boolean;
  @ApiProperty({ type: PlanDiffDto, nullable: true, description: 'So với kế hoạch đã nhập cùng tiêu đề và năm' })
  diff: PlanDiffDto | null;
  @ApiProperty({ nullable: true, type: String }) planId: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedAt: string | null;
  @ApiProperty({ type: PlanImportConfirmationDto, nullable: true }) confirmation: PlanImportConfirmationDto | null;
}
