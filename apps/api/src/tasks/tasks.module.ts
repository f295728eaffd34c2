import { Module } from '@nestjs/common';
import { IdempotencyKeyPurger } from './idempotency-key-purger';
import { TaskActionController } from './task-action.controller';
import { TaskActionService } from './task-action.service';
import { TaskQueryService } from './task-query.service';
import { TaskController } from './task.controller';

/** Task reads (list, detail, history) and the human actions, all through one visibility rule. */
@Module({
  controllers: [TaskController, TaskActionController],
  providers: [TaskQueryService, TaskActionService, IdempotencyKeyPurger],
  exports: [TaskQueryService, TaskActionService],
})
export class TasksModule {}
