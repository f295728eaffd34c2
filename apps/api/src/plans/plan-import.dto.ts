import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { PlanParseResult, ProseCandidate } from '@app/domain';
import type { AddedRow, ChangedRow, MovedRow, StoredPlanRow } from './plan-diff';

/** The form fields beside the file of POST /plans/imports (multipart/form-data). */
export class UploadPlanForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Tệp kế hoạch: .docx, .xlsx hoặc .txt' })
  @IsOptional()
  file?: unknown;

  @ApiPropertyOptional({ description: 'Năm kế hoạch, thay cho năm đọc từ tiêu đề', example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ConfirmPlanImportBody {
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
  @ApiProperty({ type: [Object], description: 'Nhiệm vụ đề xuất từ văn bản kế hoạch không có bảng phụ lục, kèm câu gốc' })
  candidates: ProseCandidate[];
  @ApiProperty({ type: [UnitMappingDto], description: 'Đơn vị đã chọn cho các tên không có trong danh mục; `parse` là tệp đọc với các ánh xạ này' })
  unitMappings: UnitMappingDto[];
  @ApiProperty({ description: 'Có thể xác nhận nhập: không còn lỗi và có nhiệm vụ' }) importable: boolean;
  @ApiProperty({ type: PlanDiffDto, nullable: true, description: 'So với kế hoạch đã nhập cùng tiêu đề và năm' })
  diff: PlanDiffDto | null;
  @ApiProperty({ nullable: true, type: String }) planId: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedAt: string | null;
  @ApiProperty({ type: PlanImportConfirmationDto, nullable: true }) confirmation: PlanImportConfirmationDto | null;
}
