import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { unitMonthlyRatings } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';

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

/** Who sees the whole organization's rating; everybody else sees their own unit's. */
const ORGANIZATION_WIDE = ['monitor', 'director', 'deputyDirector', 'admin'];

/**
 * Monthly unit rating (WORKFLOW.md "Status words"; scenario 11): per lead unit and month, the
 * tasks due, done on time, done late, overdue and still open, from the stored ratings.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class UnitRatingsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('unit-ratings')
  @ApiOkResponse({ description: 'Đánh giá theo tháng của từng đơn vị chủ trì' })
  async ratings(@CurrentActor() actor: Actor, @Query() query: UnitRatingsQuery) {
    if (query.from > query.to) throw new DomainError('VALIDATION_FAILED', 'Tháng đầu phải trước hoặc bằng tháng cuối.', { from: query.from, to: query.to });
    const wide = actor.roles.some((r) => ORGANIZATION_WIDE.includes(r)) || (actor.onBehalfOfRoles ?? []).includes('director');
    let unitId = query.unitId;
    if (!wide) {
      if (!actor.unitId) throw new DomainError('FORBIDDEN', 'Bạn không thuộc đơn vị nào để xem đánh giá.');
      if (unitId && unitId !== actor.unitId) throw new DomainError('FORBIDDEN', 'Bạn chỉ xem được đánh giá của đơn vị mình.');
      unitId = actor.unitId;
    }
    const rows = await unitMonthlyRatings(this.dataSource, actor.organizationId!, { from: query.from, to: query.to, unitId });
    return { from: query.from, to: query.to, rows };
  }
}
