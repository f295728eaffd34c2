import { Body, Controller, Delete, Get, HttpCode, Injectable, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { NationalCalendarService } from '@app/persistence';
import { broadcastNationalCalendar } from '@app/temporal';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { BroadcastReportDto } from './admin.dto';

/** The role of the platform operator (a recorded role of the user, never a header). */
export const PLATFORM_ADMIN_ROLE = 'platformAdmin';

export class NationalDayBody {
  @ApiProperty({ enum: ['off', 'work'], description: 'off: ngày nghỉ theo quyết định; work: ngày làm bù (thứ Bảy, Chủ nhật)' })
  @IsIn(['off', 'work'])
  kind!: 'off' | 'work';

  @ApiProperty({ example: 'Quốc khánh' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source!: string;

  @ApiPropertyOptional({ description: 'false khi chưa đối chiếu được văn bản' })
  @IsOptional()
  @IsBoolean()
  verified?: boolean;
}

@Injectable()
export class NationalCalendarAdminService {
  readonly calendar: NationalCalendarService;

  constructor(
    readonly dataSource: DataSource,
    private readonly client: Client,
  ) {
    this.calendar = new NationalCalendarService(dataSource);
  }

  assertPlatformAdmin(actor: Actor): void {
    if (!actor.roles.includes(PLATFORM_ADMIN_ROLE)) {
      throw new DomainError('FORBIDDEN', 'Chỉ quản trị nền tảng được sửa lịch quốc gia.');
    }
  }

  broadcast() {
    return broadcastNationalCalendar(this.dataSource, this.client);
  }
}

/**
 * The national calendar (issue 16): everybody reads a year as their organization counts it; the
 * platform administrator records a government decision, and every organization's open tasks get it.
 */
export class CalendarReportDayDto {
  @ApiProperty({ example: '2026-02-17' }) date: string;
  @ApiProperty({ example: 'Tết Nguyên đán' }) name: string;
  @ApiProperty({ description: 'Văn bản (số, ngày) hoặc điều luật của ngày này' }) source: string;
}

/** A year as an organization counts it. */
export class CalendarYearReportDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 'SNV' }) organizationCode: string;
  @ApiProperty() workingDays: number;
  @ApiProperty({ description: 'Đã có lịch chính thức của năm (nếu không: tính theo luật, dự kiến)' }) official: boolean;
  @ApiProperty({ type: [CalendarReportDayDto] }) daysOff: CalendarReportDayDto[];
  @ApiProperty({ type: [CalendarReportDayDto] }) workingWeekendDays: CalendarReportDayDto[];
}

export class NationalDaySavedDayDto {
  @ApiProperty() day: string;
  @ApiProperty({ enum: ['off', 'work'] }) kind: 'off' | 'work';
  @ApiProperty() name: string;
  @ApiProperty() source: string;
  @ApiProperty() verified: boolean;
  @ApiProperty({ description: 'Năm chưa có lịch chính thức: lịch của năm được tạo từ luật' }) createdYear: boolean;
}

export class NationalDaySavedDto {
  @ApiProperty({ type: NationalDaySavedDayDto }) day: NationalDaySavedDayDto;
  @ApiProperty({ type: BroadcastReportDto }) tasks: BroadcastReportDto;
}

export class NationalDayRemovedDto {
  @ApiProperty() removed: string;
  @ApiProperty({ type: BroadcastReportDto }) tasks: BroadcastReportDto;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('national-calendar')
export class NationalCalendarController {
  constructor(private readonly admin: NationalCalendarAdminService) {}

  @Get(':year')
  @ApiOkResponse({ type: CalendarYearReportDto, description: '{ year, daysOff: [{date, name, source}], workingWeekendDays: [...] } như tổ chức của người dùng tính' })
  async year(@CurrentActor() actor: Actor, @Param('year', ParseIntPipe) year: number, @Query('org') org?: string): Promise<CalendarYearReportDto> {
    const [row] = await this.adminOrg(actor, org);
    return this.admin.calendar.report(row.code, year);
  }

  @Put('days/:day')
  @ApiOkResponse({ type: NationalDaySavedDto, description: 'Ngày đã lưu, và số nhiệm vụ đang mở đã nhận lịch mới' })
  async setDay(@CurrentActor() actor: Actor, @Param('day') day: string, @Body() body: NationalDayBody): Promise<NationalDaySavedDto> {
    this.admin.assertPlatformAdmin(actor);
    const saved = await this.admin.calendar.setDay({ day, kind: body.kind, name: body.name, source: body.source, verified: body.verified }, actor.userId);
    return { day: saved, tasks: await this.admin.broadcast() };
  }

  @Delete('days/:day')
  @HttpCode(200)
  @ApiOkResponse({ type: NationalDayRemovedDto, description: 'Ngày đã bỏ khỏi lịch quốc gia' })
  async removeDay(@CurrentActor() actor: Actor, @Param('day') day: string): Promise<NationalDayRemovedDto> {
    this.admin.assertPlatformAdmin(actor);
    await this.admin.calendar.removeDay(day);
    return { removed: day, tasks: await this.admin.broadcast() };
  }

  /** The user's own organization; another one only for the platform administrator. */
  private async adminOrg(actor: Actor, code?: string): Promise<Array<{ code: string }>> {
    if (code && actor.roles.includes(PLATFORM_ADMIN_ROLE)) return [{ code }];
    return this.admin.dataSource.query(`SELECT code FROM organizations WHERE id = $1`, [actor.organizationId]);
  }
}
