import { Controller, Get, Param, ParseUUIDPipe, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ListTasksQuery, TaskDetailDto, TaskHistoryPageDto, TaskHistoryQuery, TaskPageDto } from './task.dto';
import { TaskQueryService } from './task-query.service';
import { VersionETagInterceptor } from './version-etag.interceptor';

@ApiTags('tasks')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED hoặc TOKEN_EXPIRED' })
@Controller('tasks')
export class TaskController {
  constructor(private readonly tasks: TaskQueryService) {}

  @Get()
  @ApiOkResponse({ type: TaskPageDto, description: 'Nhiệm vụ người dùng được xem (đơn vị, lĩnh vực phụ trách; theo dõi, lãnh đạo: cả cơ quan)' })
  list(@CurrentActor() actor: Actor, @Query() query: ListTasksQuery): Promise<TaskPageDto> {
    return this.tasks.list(actor, query);
  }

  @Get(':id')
  @UseInterceptors(VersionETagInterceptor)
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiForbiddenResponse({ description: 'TASK_ACCESS_DENIED: nhiệm vụ của cơ quan nhưng không thuộc đơn vị hoặc lĩnh vực phụ trách' })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND, also for a task of another organization' })
  detail(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<TaskDetailDto> {
    return this.tasks.detail(actor, id);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: TaskHistoryPageDto, description: 'Lịch sử (nhật ký kiểm toán), mới nhất trước' })
  @ApiForbiddenResponse({ description: 'TASK_ACCESS_DENIED' })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND' })
  history(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: TaskHistoryQuery): Promise<TaskHistoryPageDto> {
    return this.tasks.history(actor, id, query);
  }
}
