import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListTasksQuery, TaskDetailDto, TaskPageDto } from './task.dto';
import { TaskQueryService } from './task-query.service';

@ApiTags('tasks')
@Controller('tasks')
export class TaskController {
  constructor(private readonly tasks: TaskQueryService) {}

  @Get()
  @ApiOkResponse({ type: TaskPageDto })
  list(@Query() query: ListTasksQuery): Promise<TaskPageDto> {
    return this.tasks.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskDetailDto })
  detail(@Param('id', new ParseUUIDPipe()) id: string): Promise<TaskDetailDto> {
    return this.tasks.detail(id);
  }
}
