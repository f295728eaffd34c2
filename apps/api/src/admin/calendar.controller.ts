import { Body, Controller, Delete, Get, HttpCode, Injectable, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { OrganizationCalendarService } from '@app/persistence';
import { broadcastOrganizationCalendar, CalendarBroadcastReport } from '@app/temporal';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { BroadcastReportDto } from './admin.dto';

export class CalendarDayBody {
  @ApiProperty({ enum: ['off', 'work'], description: "off: ngày nghỉ riêng của cơ quan; work: ngày làm việc (làm bù)" })
  @IsIn(['off', 'work'])
  kind!: 'off' | 'work';

  @ApiPropertyOptional({ example: 'Nghỉ kỷ niệm ngày thành lập Sở' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/**
 * The organization's working calendar (WORKFLOW.md: "per year, editable"; admin: "calendars").
 * Everybody of the organization reads it; only an administrator edits it. After an edit every
 * open task of the organization is handed the new calendar and moves its timers still to come.
 */
@Injectable()
export class CalendarAdminService {
  readonly calendar: OrganizationCalendarService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
  ) {
    this.calendar = new OrganizationCalendarService(dataSource);
  }

  assertAdmin(actor: Actor): void {
    if (!actor.roles.includes('admin')) {
      throw new DomainError('FORBIDDEN', 'Chỉ quản trị hệ thống được sửa lịch làm việc của cơ quan.');
    }
  }

  broadcast(organizationId: string): Promise<CalendarBroadcastReport> {
    return broadcastOrganizationCalendar(this.dataSource, this.client, organizationId);
  }
}

/** A day of the year that is not an ordinary weekday or weekend day. */
export class CalendarYearDayDto {
  @ApiProperty({ example: '2025-09-02' }) day: string;
  @ApiProperty({ example: 'Quốc khánh' }) name: string;
  @ApiProperty({ enum: ['statutory', 'government', 'organization'], description: 'Bộ luật Lao động, quyết định của Chính phủ cho năm đó, hoặc lịch riêng của cơ quan' })
  source: 'statutory' | 'government' | 'organization';
  @ApiProperty({ nullable: true, type: String, description: 'Ngày lễ theo luật mà ngày này thuộc về' }) holiday: string | null;
}

/** One of the organization's own days (PUT /calendar/days/:day). */
export class CalendarEntryDto {
  @ApiProperty({ example: '2025-10-15' }) day: string;
  @ApiProperty({ enum: ['off', 'work'] }) kind: 'off' | 'work';
  @ApiProperty() name: string;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class CalendarYearDto {
  @ApiProperty() organizationId: string;
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ description: 'Số ngày làm việc của năm' }) workingDays: number;
  @ApiProperty({ type: [CalendarYearDayDto], description: 'Ngày nghỉ ngoài thứ Bảy, Chủ nhật thường (kể cả ngày lễ rơi vào cuối tuần)' }) daysOff: CalendarYearDayDto[];
  @ApiProperty({ type: [CalendarYearDayDto], description: 'Ngày làm việc lẽ ra được nghỉ: làm bù, ngày lễ cơ quan vẫn làm' }) workDays: CalendarYearDayDto[];
  @ApiProperty({ type: [CalendarEntryDto], description: 'Các ngày riêng của cơ quan trong năm' }) entries: CalendarEntryDto[];
}

export class CalendarDaySavedDto {
  @ApiProperty({ type: CalendarEntryDto }) entry: CalendarEntryDto;
  @ApiProperty({ type: BroadcastReportDto, description: 'Nhiệm vụ đang mở đã được tính lại mốc thời gian' }) tasks: BroadcastReportDto;
}

export class CalendarDayRemovedDto {
  @ApiProperty({ example: '2025-10-15' }) removed: string;
  @ApiProperty({ type: BroadcastReportDto }) tasks: BroadcastReportDto;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly admin: CalendarAdminService) {}

  @Get(':year')
  @ApiOkResponse({ type: CalendarYearDto, description: 'Ngày nghỉ, ngày làm bù và số ngày làm việc của năm, theo lịch của cơ quan' })
  year(@CurrentActor() actor: Actor, @Param('year', ParseIntPipe) year: number): Promise<CalendarYearDto> {
    return this.admin.calendar.listYear(actor.organizationId!, year);
  }

  @Put('days/:day')
  @ApiOkResponse({ type: CalendarDaySavedDto, description: 'Ngày đã lưu, và số nhiệm vụ đang mở đã được tính lại mốc thời gian' })
  async setDay(@CurrentActor() actor: Actor, @Param('day') day: string, @Body() body: CalendarDayBody): Promise<CalendarDaySavedDto> {
    this.admin.assertAdmin(actor);
    const entry = await this.admin.calendar.setDay(actor.organizationId!, { day, kind: body.kind, name: body.name, note: body.note }, actor.userId);
    return { entry, tasks: await this.admin.broadcast(actor.organizationId!) };
  }

  @Delete('days/:day')
  @HttpCode(200)
  @ApiOkResponse({ type: CalendarDayRemovedDto, description: 'Ngày đã bỏ khỏi lịch riêng; lịch quốc gia áp dụng lại' })
  async removeDay(@CurrentActor() actor: Actor, @Param('day') day: string): Promise<CalendarDayRemovedDto> {
    this.admin.assertAdmin(actor);
    await this.admin.calendar.removeDay(actor.organizationId!, day);
    return { removed: day, tasks: await this.admin.broadcast(actor.organizationId!) };
  }
}
