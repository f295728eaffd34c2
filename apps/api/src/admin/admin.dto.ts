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

  @ApiPropertyOptional({ example: 'KHTC', nullable: true, description: 'Đơn vị (bắt buộc với chuyên viên và trưởng đơn vị)' })
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

  @ApiPropertyOptional({ nullable: true })
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
