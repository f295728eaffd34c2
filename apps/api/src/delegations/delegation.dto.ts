import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TASK_ACTIONS } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { IsCalendarDate } from '../common/is-calendar-date';

export class CreateDelegationDto {
  @ApiProperty({ example: 'pgd.a', description: 'Tên đăng nhập của Phó Giám đốc được ủy quyền' })
  @IsString()
  @MaxLength(100)
  deputyUsername: string;

  @ApiProperty({ example: '2026-12-07', description: 'Từ ngày (theo giờ Việt Nam, tính cả ngày này)' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ example: '2026-12-18', description: 'Đến ngày (tính cả ngày này); tối đa 366 ngày' })
  @IsCalendarDate()
  endsOn: string;

  @ApiPropertyOptional({ type: [String], example: ['VP', 'CCHC'], description: 'Chỉ nhiệm vụ do các đơn vị này chủ trì; không gửi: mọi đơn vị' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  unitCodes?: string[];

  @ApiPropertyOptional({ type: [String], enum: TASK_ACTIONS, example: ['approve', 'return'], description: 'Chỉ các thao tác này; không gửi: mọi thao tác' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TASK_ACTIONS.length)
  @IsIn(TASK_ACTIONS as unknown as string[], { each: true })
  actions?: string[];

  @ApiPropertyOptional({ example: 'Giám đốc đi công tác', description: 'Ghi chú (lý do ủy quyền)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class DeputyDto {
  @ApiProperty() userId: string;
  @ApiProperty({ example: 'pgd.a' }) username: string;
  @ApiProperty() fullName: string;
  @ApiProperty() title: string;
}

class GrantPersonDto {
  @ApiProperty() userId: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty() title: string;
}

class GrantUnitDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
}

export class DelegationGrantDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: GrantPersonDto, description: 'Giám đốc ủy quyền' }) principal: GrantPersonDto;
  @ApiProperty({ type: GrantPersonDto, description: 'Phó Giám đốc được ký thay' }) deputy: GrantPersonDto;
  @ApiProperty({ example: '2026-12-07' }) startsOn: string;
  @ApiProperty({ example: '2026-12-18' }) endsOn: string;
  @ApiProperty({ type: [GrantUnitDto], nullable: true, description: 'null: mọi đơn vị' }) units: GrantUnitDto[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'null: mọi thao tác' }) actions: string[] | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedBy: string | null;
  @ApiProperty({ description: 'Đang có hiệu lực hôm nay' }) inForce: boolean;
}
