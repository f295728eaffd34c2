import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { ACTIONS, type AnyAction } from '@app/workflows/task-lifecycle/actions';
import type { TaskAction, TaskSnapshot } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { dtoClass, dtoNameOf } from './action-dto.factory';
import { TaskDetailDto } from './task.dto';

/**
 * Bodies of `POST /tasks/:id/<action>`, one per workflow Update, built from the fields each action
 * module declares (`workflows/task-lifecycle/actions/<step>.ts`, `fields`; the vocabulary in
 * `fields.ts`): `SaveDraftDto`, `ReviewDto`, ... They carry what the person decides, never who
 * they are (the actor comes from the token) nor the idempotency key (a header): an `actor` or
 * `idempotencyKey` property is refused like any unknown one (400 VALIDATION_FAILED).
 * Shapes and sizes are checked here; whether the action is allowed now, and whether a text may be
 * blank, is the workflow's decision (its refusal comes back with its Vietnamese message).
 */

export class ActionBodyDto {
  @ApiPropertyOptional({ description: 'Phiên bản nhiệm vụ người dùng đang xem (thay cho header If-Match); khác phiên bản hiện tại → 409 STALE_VERSION' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

/** The steps taken with `POST /tasks/:id/<route>` and a JSON body: all but the file steps (their own `endpoint`). */
export const BODY_ACTIONS: readonly AnyAction[] = (Object.values(ACTIONS) as AnyAction[]).filter((a) => !a.endpoint);

/** The body class of each of BODY_ACTIONS: `expectedVersion` and the module's fields. */
export const ACTION_BODY_DTOS: Readonly<Partial<Record<TaskAction, Type<ActionBodyDto>>>> = Object.fromEntries(
  BODY_ACTIONS.map((a) => [a.name, dtoClass(dtoNameOf(a.name), a.fields, ActionBodyDto)]),
);

export class TaskActionResultDto {
  @ApiProperty({ example: 'approve' }) action: string;
  @ApiProperty({ description: 'Phiên bản sau thao tác (cũng trong header ETag)' }) version: number;
  @ApiProperty({ type: Object, description: 'Ảnh chụp nhiệm vụ do workflow trả về' }) snapshot: TaskSnapshot;
  @ApiProperty({
    type: TaskDetailDto,
    nullable: true,
    description: 'Nhiệm vụ sau thao tác; null khi thao tác đưa nhiệm vụ ra khỏi phạm vi của người dùng (ví dụ giao lại cho đơn vị khác)',
  })
  task: TaskDetailDto | null;
}
