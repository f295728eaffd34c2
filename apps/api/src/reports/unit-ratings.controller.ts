import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE } from './report-document';
import { reportFile } from './report-file';
import { UnitRatingsService } from './unit-ratings.service';

export class UnitRatingsQuery {
  @ApiProperty({ example: '2025-01', description: 'Tháng đầu (YYYY-MM)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'from: cần tháng dạng YYYY-MM' })
  from!: string;

  @ApiProperty({ example: '2025-12', description: 'Tháng cuối (YYYY-MM), tính cả tháng này' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'to: cần tháng dạng YYYY-MM' })
  to!: string;

  @ApiPropertyOptional({ description: 'Chỉ một đơn vị' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

/** One lead unit in one month. */
export class UnitRatingDto {
  @ApiProperty({ example: '2025-03', description: 'Tháng (YYYY-MM)' }) month: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ example: 'VP' }) unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'Nhiệm vụ đến hạn trong tháng' }) tasksDue: number;
  @ApiProperty() completedOnTime: number;
  @ApiProperty() completedLate: number;
  @ApiProperty() overdueOpen: number;
  @ApiProperty() openInTime: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() waitingForEvent: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Tỷ lệ đúng hạn trong các nhiệm vụ đã rõ kết quả, 0–1; null khi chưa có' })
  onTimeRate: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) computedAt: Date;
}

export class UnitRatingsDto {
  @ApiProperty({ example: '2025-01' }) from: string;
  @ApiProperty({ example: '2025-12' }) to: string;
  @ApiProperty({ type: [UnitRatingDto] }) rows: UnitRatingDto[];
}

/**
 * Monthly unit rating (WORKFLOW.md "Status words"; scenario 11) as JSON, Excel and Word: the whole
 * organization for the monitor, leadership and the administrator, one's own unit otherwise.
 */
@ApiTags('reports')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'FORBIDDEN: another unit than one’s own' })
@Controller('reports')
export class UnitRatingsController {
  constructor(private readonly ratings: UnitRatingsService) {}

  @Get('unit-ratings')
  @ApiOkResponse({ type: UnitRatingsDto, description: 'Đánh giá theo tháng của từng đơn vị chủ trì' })
  json(@CurrentActor() actor: Actor, @Query() query: UnitRatingsQuery): Promise<UnitRatingsDto> {
    return this.ratings.ratings(actor, query);
  }

  @Get('unit-ratings.xlsx')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Bảng đánh giá (Excel), tên tệp tiếng Việt trong Content-Disposition (RFC 5987)' })
  async xlsx(@CurrentActor() actor: Actor, @Query() query: UnitRatingsQuery): Promise<StreamableFile> {
    return reportFile(await this.ratings.document(actor, query), 'xlsx');
  }

  @Get('unit-ratings.docx')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Bảng đánh giá (Word), tên tệp tiếng Việt trong Content-Disposition (RFC 5987)' })
  async docx(@CurrentActor() actor: Actor, @Query() query: UnitRatingsQuery): Promise<StreamableFile> {
    return reportFile(await this.ratings.document(actor, query), 'docx');
  }
}
