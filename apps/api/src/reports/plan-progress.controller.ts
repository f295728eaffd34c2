import { Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PlanProgressReportDto } from './plan-progress.dto';
import { planProgressDocument } from './plan-progress.layout';
import { PlanProgressService } from './plan-progress.service';
import { DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE } from './report-document';
import { reportFile } from './report-file';

/**
 * Plan progress (scenario 11): the appendix in its own layout with "Kết quả thực hiện" and the
 * status word of every row, as JSON, Excel and Word; for the monitor and leadership.
 */
@ApiTags('reports')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'FORBIDDEN: only the monitor and leadership export task by task' })
@ApiNotFoundResponse({ description: 'PLAN_NOT_FOUND, also for a plan of another organization' })
@Controller('reports/plans')
export class PlanProgressController {
  constructor(private readonly progress: PlanProgressService) {}

  @Get(':planId/progress')
  @ApiOkResponse({ type: PlanProgressReportDto })
  json(@CurrentActor() actor: Actor, @Param('planId', new ParseUUIDPipe()) planId: string): Promise<PlanProgressReportDto> {
    return this.progress.report(actor, planId);
  }

  @Get(':planId/progress.xlsx')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Tiến độ thực hiện (Excel), tên tệp tiếng Việt trong Content-Disposition (RFC 5987)' })
  async xlsx(@CurrentActor() actor: Actor, @Param('planId', new ParseUUIDPipe()) planId: string): Promise<StreamableFile> {
    return reportFile(planProgressDocument(await this.progress.report(actor, planId)), 'xlsx');
  }

  @Get(':planId/progress.docx')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Tiến độ thực hiện (Word), tên tệp tiếng Việt trong Content-Disposition (RFC 5987)' })
  async docx(@CurrentActor() actor: Actor, @Param('planId', new ParseUUIDPipe()) planId: string): Promise<StreamableFile> {
    return reportFile(planProgressDocument(await this.progress.report(actor, planId)), 'docx');
  }
}
