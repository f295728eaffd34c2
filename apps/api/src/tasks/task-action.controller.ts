import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ACTIONS } from '@app/workflows/task-lifecycle/actions';
import type { Actor, TaskAction } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { VersionETagInterceptor } from './version-etag.interceptor';
import { ACTION_BODY_DTOS, BODY_ACTIONS, TaskActionResultDto } from './task-action.dto';
import { ActionHeaders, ActionHeadersOf } from './task-action.headers';
import { TaskActionService } from './task-action.service';

/** The OpenAPI operation of a step: its label and who may take it, as the action registry states them. */
function operationOf(action: TaskAction): { summary: string; description: string } {
  const a = ACTIONS[action];
  return { summary: a.label, description: `Ai được thực hiện: ${a.who}` };
}

/**
 * The human steps of a task, `POST /tasks/:id/<route>` (kebab-case), one per Workflow Update of
 * the task lifecycle contract (TASK_ACTIONS), for every action of the registry
 * (`workflows/task-lifecycle/actions/`) without an `endpoint` of its own (the file steps are
 * AttachmentController's). The routes are not written here one by one: each is a method named as
 * the action, added below from the registry, with its path, summary, who may take it and body
 * (ACTION_BODY_DTOS, built from the module's `fields`).
 */
@ApiTags('task actions')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'Khóa chống lặp (≤ 128 ký tự: chữ, số, . _ ~ : + / = -). Gửi lại cùng khóa: thao tác chỉ áp dụng một lần. Không gửi: mỗi yêu cầu là một thao tác mới (gửi lại sẽ không được nhận ra).',
})
@ApiHeader({ name: 'If-Match', required: false, description: 'Phiên bản đang xem, ví dụ "12" (hoặc expectedVersion trong body); khác → 409 STALE_VERSION' })
@ApiHeader({ name: 'X-On-Behalf-Of', required: false, description: 'Phó Giám đốc ký thay (KT.) Giám đốc: tên đăng nhập của Giám đốc; chỉ trong ủy quyền đang có hiệu lực (GET /me/delegations), không thì 403 DELEGATION_NOT_GRANTED' })
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED hoặc TOKEN_EXPIRED' })
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED, MALFORMED_JSON, JSON_TOO_DEEP, IDEMPOTENCY_KEY_INVALID, IF_MATCH_INVALID' })
@ApiForbiddenResponse({ description: 'TASK_ACCESS_DENIED (không được xem nhiệm vụ), DELEGATION_NOT_GRANTED (KT. ngoài ủy quyền), FORBIDDEN / NOT_A_REVIEWER (workflow từ chối)' })
@ApiNotFoundResponse({ description: 'TASK_NOT_FOUND (cả nhiệm vụ của cơ quan khác), BLOCKER_NOT_FOUND, ROUND_NOT_FOUND' })
@ApiConflictResponse({ description: 'STALE_VERSION, INVALID_STATE, TASK_CLOSED, REVIEW_ALREADY_GIVEN, EXTENSION_PENDING, NO_PENDING_EXTENSION, ALREADY_REMINDED' })
@ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: thân yêu cầu quá 100 KB (save-draft, submit-report: 256 KB)' })
@ApiUnprocessableEntityResponse({ description: 'INVALID_TEXT (trường nào), IDEMPOTENCY_KEY_REUSED, INVALID_INPUT, DRAFT_EMPTY, COORDINATING_UNITS_REQUIRED, OVERRIDE_NOT_ALLOWED, EXTENSION_LIMIT_REACHED, UNIT_NOT_FOUND, ACTION_NOT_SUPPORTED' })
@UseInterceptors(VersionETagInterceptor)
@Controller('tasks/:id')
export class TaskActionController {
  constructor(readonly actions: TaskActionService) {}
}

/** What every route does: the caller, the task, the validated body and the headers, to the service. */
type ActionRoute = (this: TaskActionController, actor: Actor, id: string, body: object, h: ActionHeaders) => Promise<TaskActionResultDto>;

/**
 * Adds `action`'s route to the controller as if it were written in the class:
 * `@Post(route) @HttpCode(200) @ApiOperation(...) @ApiOkResponse(...)
 *  <action>(@CurrentActor() actor, @Param('id', ParseUUIDPipe) id, @Body() body: <Action>Dto, @ActionHeadersOf() h)`.
 * The parameter types (`design:paramtypes`) are what TypeScript would emit: the ValidationPipe
 * validates the body against the DTO, and the OpenAPI document shows it as the route's body.
 */
function addRoute(action: TaskAction, route: string, Dto: object): void {
  const proto = TaskActionController.prototype as unknown as Record<string, ActionRoute>;
  const handler: ActionRoute = function (this: TaskActionController, actor, id, body, h) {
    return this.actions.run(actor, id, action, body, h);
  };
  Object.defineProperty(handler, 'name', { value: action });
  Object.defineProperty(proto, action, { value: handler, writable: true, configurable: true, enumerable: false });
  Reflect.defineMetadata('design:paramtypes', [Object, String, Dto, Object], proto, action);
  Reflect.defineMetadata('design:returntype', Promise, proto, action);
  CurrentActor()(proto, action, 0);
  Param('id', ParseUUIDPipe)(proto, action, 1);
  Body()(proto, action, 2);
  ActionHeadersOf()(proto, action, 3);
  const decorators: MethodDecorator[] = [Post(route), HttpCode(HttpStatus.OK), ApiOperation(operationOf(action)), ApiOkResponse({ type: TaskActionResultDto })];
  const descriptor = Object.getOwnPropertyDescriptor(proto, action)!;
  // Like TypeScript's __decorate: the decorator written last runs first.
  for (const d of [...decorators].reverse()) d(proto, action, descriptor);
}

for (const a of BODY_ACTIONS) {
  const Dto = ACTION_BODY_DTOS[a.name];
  if (!Dto) throw new Error(`No body DTO for ${a.name}`);
  addRoute(a.name, a.route, Dto);
}
