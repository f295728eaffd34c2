import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ListPlansQuery, PlanDetailDto, PlanPageDto } from './plan.dto';
import { PlanQueryService } from './plan-query.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanController {
  constructor(private readonly plans: PlanQueryService) {}

  @Get()
  @ApiOkResponse({ type: PlanPageDto, description: 'Kế hoạch của cơ quan, mới nhất trước' })
  list(@CurrentActor() actor: Actor, @Query() query: ListPlansQuery): Promise<PlanPageDto> {
    return this.plans.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiNotFoundResponse({ description: 'PLAN_NOT_FOUND, also for a plan of another organization' })
  detail(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<PlanDetailDto> {
    return this.plans.detail(actor, id);
  }
}
