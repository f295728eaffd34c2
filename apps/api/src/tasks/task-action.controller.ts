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
import {
  AcknowledgeReportDto,
  ApproveDto,
  CancelDto,
  CommentDto,
  DecideExtensionDto,
  NameCoordinatingUnitsDto,
  RaiseBlockerDto,
  ReassignDto,
  RecordTriggerDto,
  RejectDto,
  RemindDto,
  AssignDto,
  RequestExtensionDto,
  ResolveBlockerDto,
  ReturnDto,
  ReviewDto,
  SaveDraftDto,
  SubmitDto,
  SubmitReportDto,
  TaskActionResultDto,
} from './task-action.dto';
import { ActionHeaders, ActionHeadersOf } from './task-action.headers';
import { TaskActionService } from './task-action.service';

/** The OpenAPI operation of a step: its label and who may take it, as the action registry states them. */
function operationOf(action: TaskAction): { summary: string; description: string } {
  const a = ACTIONS[action];
  return { summary: a.label, description: `Ai được thực hiện: ${a.who}` };
}

/**
 * The human steps of a task, `POST /tasks/:id/<action>` in kebab-case, one per Workflow Update of
 * the task lifecycle contract (TASK_ACTIONS): save-draft, name-coordinating-units, submit, review,
 * approve, return, reject, cancel, request-extension, decide-extension, reassign, raise-blocker,
 * resolve-blocker, record-trigger, comment, submit-report, acknowledge-report, remind, assign. Paths, summaries
 * and who may take each step come from the action registry (`workflows/task-lifecycle/actions/`).
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
  constructor(private readonly actions: TaskActionService) {}

  @Post(ACTIONS.saveDraft.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('saveDraft'))
  @ApiOkResponse({ type: TaskActionResultDto })
  saveDraft(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SaveDraftDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'saveDraft', body, h);
  }

  @Post(ACTIONS.nameCoordinatingUnits.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('nameCoordinatingUnits'))
  @ApiOkResponse({ type: TaskActionResultDto })
  nameCoordinatingUnits(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: NameCoordinatingUnitsDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'nameCoordinatingUnits', body, h);
  }

  @Post(ACTIONS.submit.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('submit'))
  @ApiOkResponse({ type: TaskActionResultDto })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SubmitDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'submit', body, h);
  }

  @Post(ACTIONS.review.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('review'))
  @ApiOkResponse({ type: TaskActionResultDto })
  review(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReviewDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'review', body, h);
  }

  @Post(ACTIONS.approve.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('approve'))
  @ApiOkResponse({ type: TaskActionResultDto })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ApproveDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'approve', body, h);
  }

  @Post(ACTIONS.return.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('return'))
  @ApiOkResponse({ type: TaskActionResultDto })
  return(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReturnDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'return', body, h);
  }

  @Post(ACTIONS.reject.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('reject'))
  @ApiOkResponse({ type: TaskActionResultDto })
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RejectDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'reject', body, h);
  }

  @Post(ACTIONS.cancel.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('cancel'))
  @ApiOkResponse({ type: TaskActionResultDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'cancel', body, h);
  }

  @Post(ACTIONS.requestExtension.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('requestExtension'))
  @ApiOkResponse({ type: TaskActionResultDto })
  requestExtension(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RequestExtensionDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'requestExtension', body, h);
  }

  @Post(ACTIONS.decideExtension.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('decideExtension'))
  @ApiOkResponse({ type: TaskActionResultDto })
  decideExtension(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecideExtensionDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'decideExtension', body, h);
  }

  @Post(ACTIONS.reassign.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('reassign'))
  @ApiOkResponse({ type: TaskActionResultDto })
  reassign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReassignDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'reassign', body, h);
  }

  @Post(ACTIONS.raiseBlocker.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('raiseBlocker'))
  @ApiOkResponse({ type: TaskActionResultDto })
  raiseBlocker(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RaiseBlockerDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'raiseBlocker', body, h);
  }

  @Post(ACTIONS.resolveBlocker.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('resolveBlocker'))
  @ApiOkResponse({ type: TaskActionResultDto })
  resolveBlocker(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ResolveBlockerDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'resolveBlocker', body, h);
  }

  @Post(ACTIONS.recordTrigger.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('recordTrigger'))
  @ApiOkResponse({ type: TaskActionResultDto })
  recordTrigger(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordTriggerDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'recordTrigger', body, h);
  }

  @Post(ACTIONS.comment.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('comment'))
  @ApiOkResponse({ type: TaskActionResultDto })
  comment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CommentDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'comment', body, h);
  }

  @Post(ACTIONS.submitReport.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('submitReport'))
  @ApiOkResponse({ type: TaskActionResultDto })
  submitReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SubmitReportDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'submitReport', body, h);
  }

  @Post(ACTIONS.acknowledgeReport.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('acknowledgeReport'))
  @ApiOkResponse({ type: TaskActionResultDto })
  acknowledgeReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AcknowledgeReportDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'acknowledgeReport', body, h);
  }

  @Post(ACTIONS.remind.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('remind'))
  @ApiOkResponse({ type: TaskActionResultDto })
  remind(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RemindDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'remind', body, h);
  }

  @Post(ACTIONS.assign.route)
  @HttpCode(HttpStatus.OK)
  @ApiOperation(operationOf('assign'))
  @ApiOkResponse({ type: TaskActionResultDto })
  assign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AssignDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'assign', body, h);
  }
}
