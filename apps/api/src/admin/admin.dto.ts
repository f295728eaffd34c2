import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ROLES } from '@app/domain';
import { PageQueryOf } from '../common/page.query';

export class CreateUnitBody {
  @ApiProperty({ example: 'KHTC', description: 'Mã đơn vị: chữ in hoa, số, "-", "_", "."' })
  @IsString()
  @MaxLength(32)
  code!: string;

  @ApiProperty({ example: 'Phòng Kế hoạch - Tài chính' })
  @IsString()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: ['internal', 'affiliated'], description: 'thuộc / trực thuộc Sở' })
  @IsIn(['internal', 'affiliated'])
  kind!: 'internal' | 'affiliated';

  @ApiPropertyOptional({ type: [String], example: ['Phòng KH-TC'], description: 'Tên gọi khác mà kế hoạch dùng (trình nhập nhận diện)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  aliases?: string[];
}

export class UpdateUnitBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) name?: string;
  @ApiPropertyOptional({ enum: ['internal', 'affiliated'] }) @IsOptional() @IsIn(['internal', 'affiliated']) kind?: 'internal' | 'affiliated';

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ description: 'false: ngừng sử dụng đơn vị (bị từ chối khi còn nhiệm vụ đang mở)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateUserBody {
  @ApiProperty({ example: 'tp.khtc' }) @IsString() @MaxLength(64) username!: string;
  @ApiProperty({ example: 'Trần Văn An' }) @IsString() @MaxLength(200) fullName!: string;
  @ApiPropertyOptional({ example: 'Trưởng phòng' }) @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiProperty({ example: 'an.tv@sonoivu.gov.vn' }) @IsString() @MaxLength(254) email!: string;

  @ApiPropertyOptional({ example: 'KHTC', nullable: true, type: String, description: 'Đơn vị (bắt buộc với chuyên viên và trưởng đơn vị)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  unitCode?: string | null;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsString({ each: true })
  roles!: string[];

  @ApiPropertyOptional({ type: [String], description: 'Phó Giám đốc: mã các đơn vị phụ trách' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  portfolioUnitCodes?: string[];
}

export class UpdateUserBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) fullName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) email?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Đơn vị; null: không thuộc đơn vị nào' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(32)
  unitCode?: string | null;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsString({ each: true })
  roles?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  portfolioUnitCodes?: string[];

  @ApiPropertyOptional({ description: 'false: khóa tài khoản (mọi phiên đăng nhập kết thúc ngay)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** The reporting calendar: month-day ('MM-DD') of each periodic report; the ones given replace the stored ones. */
export class ReportingDeadlinesBody {
  @ApiPropertyOptional({ example: '03-14', description: 'Hạn báo cáo quý I (tháng-ngày)' }) @IsOptional() @IsString() @Matches(/^\d{2}-\d{2}$/) q1?: string;
  @ApiPropertyOptional({ example: '06-14', description: 'Hạn báo cáo 6 tháng' }) @IsOptional() @IsString() @Matches(/^\d{2}-\d{2}$/) h1?: string;
  @ApiPropertyOptional({ example: '09-14', description: 'Hạn báo cáo quý III' }) @IsOptional() @IsString() @Matches(/^\d{2}-\d{2}$/) q3?: string;
  @ApiPropertyOptional({ example: '12-14', description: 'Hạn báo cáo năm' }) @IsOptional() @IsString() @Matches(/^\d{2}-\d{2}$/) year?: string;
}

/** Every organization setting (WORKFLOW.md), each optional: the ones given replace the stored ones. */
export class SettingsBody {
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @Type(() => Number) @IsInt() reviewWindowWorkingDays?: number;
  @ApiPropertyOptional({ enum: ['agree', 'escalate'] }) @IsOptional() @IsIn(['agree', 'escalate']) silentReviewer?: 'agree' | 'escalate';
  @ApiPropertyOptional({ type: [Number], example: [5, 1] }) @IsOptional() @IsArray() @ArrayMaxSize(5) @IsInt({ each: true }) reminderWorkingDaysBefore?: number[];
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() escalateToDeputyAfterWorkingDays?: number;
  @ApiPropertyOptional({ example: 10 }) @IsOptional() @IsInt() escalateToDirectorAfterWorkingDays?: number;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt() maxExtensionsPerTask?: number;
  @ApiPropertyOptional({ example: 10 }) @IsOptional() @IsInt() eventWindowWorkingDays?: number;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt() reviewReminderWorkingDaysBefore?: number;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() reviewEscalateToDirectorAfterWorkingDays?: number;
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt() approvalReminderAfterWorkingDays?: number;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsInt() approvalEscalateAfterWorkingDays?: number;
  @ApiPropertyOptional({ example: true, description: 'Hạn rơi vào ngày nghỉ kết thúc vào cuối ngày làm việc tiếp theo (Điều 148 khoản 5 BLDS 2015)' })
  @IsOptional()
  @IsBoolean()
  dayOffRule?: boolean;
  @ApiPropertyOptional({
    type: ReportingDeadlinesBody,
    description: 'Lịch báo cáo định kỳ (mặc định ngày 14 của tháng cuối kỳ, Điều 12 Nghị định 09/2019/NĐ-CP): áp dụng cho nhiệm vụ tạo sau khi lưu',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReportingDeadlinesBody)
  reportingDeadlines?: Partial<ReportingDeadlinesBody>;
}

export class AuditQuery extends PageQueryOf({ limit: 50, max: 200 }) {}

// ---- answers ---------------------------------------------------------------------------------

export class AdminUnitDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'VP' }) code: string;
  @ApiProperty({ example: 'Văn phòng Sở' }) name: string;
  @ApiProperty({ enum: ['internal', 'affiliated'], description: 'internal: thuộc Sở; affiliated: trực thuộc Sở' }) kind: string;
  @ApiProperty({ type: [String], description: 'Tên khác mà bộ đọc kế hoạch nhận ra' }) aliases: string[];
  @ApiProperty({ description: 'false: đã ngừng sử dụng' }) active: boolean;
}

export class AdminUnitListDto {
  @ApiProperty({ type: [AdminUnitDto] }) items: AdminUnitDto[];
}

export class AdminPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) unitCode: string | null;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['officer'] }) roles: string[];
  @ApiProperty({ type: [String], description: 'Đơn vị phó giám đốc phụ trách' }) portfolioUnitCodes: string[];
  @ApiProperty({ description: 'false: tài khoản bị khóa' }) active: boolean;
  @ApiProperty({ description: 'Đã đặt mật khẩu (đã dùng thư mời)' }) hasPassword: boolean;
}

export class AdminPersonListDto {
  @ApiProperty({ type: [AdminPersonDto] }) items: AdminPersonDto[];
}

export class InvitationSentDto {
  @ApiProperty({ description: 'false: người này chưa có e-mail, không gửi được thư' }) sent: boolean;
  @ApiProperty({ description: 'Hạn của đường dẫn đặt mật khẩu (ISO)' }) expiresAt: string;
}

export class AuditActorDto {
  @ApiProperty() userId: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ example: 'unit.update' }) action: string;
  @ApiProperty({ example: 'unit' }) targetType: string;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ type: AuditActorDto, nullable: true }) actor: AuditActorDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Bản ghi trước khi đổi' }) before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Bản ghi sau khi đổi' }) after: Record<string, unknown> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** The reporting calendar as stored: every period present. */
export class ReportingDeadlinesDto {
  @ApiProperty({ example: '03-14', description: 'Hạn báo cáo quý I (tháng-ngày)' }) q1: string;
  @ApiProperty({ example: '06-14', description: 'Hạn báo cáo 6 tháng' }) h1: string;
  @ApiProperty({ example: '09-14', description: 'Hạn báo cáo quý III' }) q3: string;
  @ApiProperty({ example: '12-14', description: 'Hạn báo cáo năm' }) year: string;
}

/** The organization's settings, every one present (WORKFLOW.md defaults where unset). */
export class SettingsDto {
  @ApiProperty({ example: 5 }) reviewWindowWorkingDays: number;
  @ApiProperty({ enum: ['agree', 'escalate'] }) silentReviewer: 'agree' | 'escalate';
  @ApiProperty({ type: [Number], example: [5, 1] }) reminderWorkingDaysBefore: number[];
  @ApiProperty({ example: 3 }) escalateToDeputyAfterWorkingDays: number;
  @ApiProperty({ example: 10 }) escalateToDirectorAfterWorkingDays: number;
  @ApiProperty({ example: 1 }) maxExtensionsPerTask: number;
  @ApiProperty({ example: 10 }) eventWindowWorkingDays: number;
  @ApiProperty({ example: 1 }) reviewReminderWorkingDaysBefore: number;
  @ApiProperty({ example: 3 }) reviewEscalateToDirectorAfterWorkingDays: number;
  @ApiProperty({ example: 2 }) approvalReminderAfterWorkingDays: number;
  @ApiProperty({ example: 5 }) approvalEscalateAfterWorkingDays: number;
  @ApiProperty({ description: 'Hạn rơi vào ngày nghỉ kết thúc vào cuối ngày làm việc tiếp theo (Điều 148 khoản 5 BLDS 2015)' }) dayOffRule: boolean;
  @ApiProperty({ type: ReportingDeadlinesDto, description: 'Lịch báo cáo định kỳ (tháng-ngày của từng kỳ)' }) reportingDeadlines: ReportingDeadlinesDto;
}


/** What a change of settings (or of the calendar) told the open tasks. */
export class BroadcastReportDto {
  @ApiProperty({ description: 'Nhiệm vụ đang mở đã nhận thay đổi' }) signalled: number;
  @ApiProperty({ description: 'Nhiệm vụ đã kết thúc trong lúc đó' }) closed: number;
  @ApiProperty({ description: 'Nhiệm vụ của từng đơn vị (nhiệm vụ giao nhiều đơn vị) chưa bắt đầu: sẽ bắt đầu với thay đổi mới, do nhiệm vụ chung chuyển tiếp' })
  notStartedYet: number;
  @ApiProperty({ type: [String], description: 'Workflow không liên lạc được: lưu lại lần nữa' }) failed: string[];
}

export class SettingsSavedDto {
  @ApiProperty({ type: SettingsDto }) settings: SettingsDto;
  @ApiProperty({ description: 'false: không có gì thay đổi' }) changed: boolean;
  @ApiProperty({ type: BroadcastReportDto }) tasks: BroadcastReportDto;
}

export class DirectoryRowErrorDto {
  @ApiProperty({ enum: ['units', 'people', 'portfolios'] }) sheet: 'units' | 'people' | 'portfolios';
  @ApiProperty() row: number;
  @ApiProperty() column: string;
  @ApiProperty({ example: 'UNKNOWN_UNIT' }) code: string;
  @ApiProperty() message: string;
}

export class DirectoryUnitChangeDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['internal', 'affiliated'] }) kind: 'internal' | 'affiliated';
  @ApiProperty({ type: [String] }) aliases: string[];
}

export class DirectoryUnitUpdateDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: DirectoryUnitChangeDto }) before: DirectoryUnitChangeDto;
  @ApiProperty({ type: DirectoryUnitChangeDto }) after: DirectoryUnitChangeDto;
}

export class DirectoryUnitChangesDto {
  @ApiProperty({ type: [DirectoryUnitChangeDto] }) create: DirectoryUnitChangeDto[];
  @ApiProperty({ type: [DirectoryUnitUpdateDto] }) update: DirectoryUnitUpdateDto[];
  @ApiProperty() unchanged: number;
}

export class DirectoryPersonChangeDto {
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty() title: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) unitCode: string | null;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ type: [String] }) portfolioUnitCodes: string[];
}

export class DirectoryPersonUpdateDto {
  @ApiProperty() username: string;
  @ApiProperty({ type: DirectoryPersonChangeDto }) before: DirectoryPersonChangeDto;
  @ApiProperty({ type: DirectoryPersonChangeDto }) after: DirectoryPersonChangeDto;
}

export class DirectoryPeopleChangesDto {
  @ApiProperty({ type: [DirectoryPersonChangeDto] }) create: DirectoryPersonChangeDto[];
  @ApiProperty({ type: [DirectoryPersonUpdateDto] }) update: DirectoryPersonUpdateDto[];
  @ApiProperty() unchanged: number;
}

export class DirectoryImportResultDto {
  @ApiProperty() unitsCreated: number;
  @ApiProperty() unitsUpdated: number;
  @ApiProperty() peopleCreated: number;
  @ApiProperty() peopleUpdated: number;
  @ApiProperty() invitationsSent: number;
}

/** An uploaded directory file: its row errors and the changes it would make (nothing stored before confirm). */
export class DirectoryImportDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['preview', 'confirmed', 'discarded'] }) status: 'preview' | 'confirmed' | 'discarded';
  @ApiProperty({ description: 'Không còn lỗi: xác nhận được' }) importable: boolean;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Danh mục đã đúng như tệp; null khi không còn là bản xem trước' }) noChanges: boolean | null;
  @ApiProperty({ type: [DirectoryRowErrorDto] }) errors: DirectoryRowErrorDto[];
  @ApiProperty({ type: DirectoryUnitChangesDto, nullable: true }) units: DirectoryUnitChangesDto | null;
  @ApiProperty({ type: DirectoryPeopleChangesDto, nullable: true }) people: DirectoryPeopleChangesDto | null;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ type: DirectoryImportResultDto, nullable: true, description: 'Kết quả khi đã nhập' }) result: DirectoryImportResultDto | null;
}

export class DirectoryImportConfirmedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['confirmed'] }) status: 'confirmed';
  @ApiProperty({ type: DirectoryImportResultDto }) result: DirectoryImportResultDto;
}
