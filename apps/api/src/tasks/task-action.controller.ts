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
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
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

/**
 * The human steps of a task, `POST /tasks/:id/<action>` in kebab-case, one per Workflow Update of
 * the task lifecycle contract (TASK_ACTIONS): save-draft, name-coordinating-units, submit, review,
 * approve, return, reject, cancel, request-extension, decide-extension, reassign, raise-blocker,
 * resolve-blocker, record-trigger, comment, submit-report, acknowledge-report.
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
@ApiConflictResponse({ description: 'STALE_VERSION, INVALID_STATE, TASK_CLOSED, REVIEW_ALREADY_GIVEN, EXTENSION_PENDING, NO_PENDING_EXTENSION' })
@ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: thân yêu cầu quá 100 KB (save-draft, submit-report: 256 KB)' })
@ApiUnprocessableEntityResponse({ description: 'INVALID_TEXT (trường nào), IDEMPOTENCY_KEY_REUSED, INVALID_INPUT, DRAFT_EMPTY, COORDINATING_UNITS_REQUIRED, OVERRIDE_NOT_ALLOWED, EXTENSION_LIMIT_REACHED, UNIT_NOT_FOUND, ACTION_NOT_SUPPORTED' })
@UseInterceptors(VersionETagInterceptor)
@Controller('tasks/:id')
export class TaskActionController {
  constructor(private readonly actions: TaskActionService) {}

  @Post('save-draft')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cập nhật dự thảo (cán bộ đơn vị chủ trì)', description: 'Thân yêu cầu tối đa 256 KB (các thao tác khác 100 KB); lớn hơn: 413 PAYLOAD_TOO_LARGE.' })
  @ApiOkResponse({ type: TaskActionResultDto })
  saveDraft(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SaveDraftDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'saveDraft', body, h);
  }

  @Post('name-coordinating-units')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Chọn đơn vị phối hợp (trưởng đơn vị chủ trì, lãnh đạo phụ trách)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  nameCoordinatingUnits(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: NameCoordinatingUnitsDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'nameCoordinatingUnits', body, h);
  }

  @Post('submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Trình lấy ý kiến phối hợp / trình phê duyệt (trưởng đơn vị chủ trì)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SubmitDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'submit', body, h);
  }

  @Post('review')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cho ý kiến phối hợp (trưởng đơn vị phối hợp)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  review(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReviewDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'review', body, h);
  }

  @Post('approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Phê duyệt (Giám đốc, Phó Giám đốc phụ trách, KT. Giám đốc)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ApproveDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'approve', body, h);
  }

  @Post('return')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Trả lại để chỉnh sửa (lãnh đạo)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  return(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReturnDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'return', body, h);
  }

  @Post('reject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Từ chối (lãnh đạo)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RejectDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'reject', body, h);
  }

  @Post('cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Hủy nhiệm vụ (lãnh đạo; dòng nhiều đơn vị chủ trì: Giám đốc)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'cancel', body, h);
  }

  @Post('request-extension')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Đề nghị gia hạn (trưởng đơn vị chủ trì)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  requestExtension(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RequestExtensionDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'requestExtension', body, h);
  }

  @Post('decide-extension')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Quyết định gia hạn (lãnh đạo phụ trách)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  decideExtension(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecideExtensionDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'decideExtension', body, h);
  }

  @Post('reassign')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Giao lại cho đơn vị khác (lãnh đạo phụ trách)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  reassign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReassignDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'reassign', body, h);
  }

  @Post('raise-blocker')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Báo cáo khó khăn, vướng mắc (trưởng đơn vị chủ trì)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  raiseBlocker(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RaiseBlockerDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'raiseBlocker', body, h);
  }

  @Post('resolve-blocker')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Xử lý vướng mắc (bộ phận theo dõi, lãnh đạo phụ trách)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  resolveBlocker(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ResolveBlockerDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'resolveBlocker', body, h);
  }

  @Post('record-trigger')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Ghi nhận sự kiện khởi động (bộ phận theo dõi, lãnh đạo)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  recordTrigger(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordTriggerDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'recordTrigger', body, h);
  }

  @Post('comment')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Ý kiến trao đổi (người tham gia nhiệm vụ)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  comment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CommentDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'comment', body, h);
  }

  @Post('submit-report')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Nộp báo cáo kỳ (nhiệm vụ thường xuyên; trưởng đơn vị chủ trì)', description: 'Thân yêu cầu tối đa 256 KB (các thao tác khác 100 KB); lớn hơn: 413 PAYLOAD_TOO_LARGE.' })
  @ApiOkResponse({ type: TaskActionResultDto })
  submitReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SubmitReportDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'submitReport', body, h);
  }

  @Post('acknowledge-report')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Xác nhận báo cáo kỳ (bộ phận theo dõi, lãnh đạo)' })
  @ApiOkResponse({ type: TaskActionResultDto })
  acknowledgeReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AcknowledgeReportDto, @ActionHeadersOf() h: ActionHeaders): Promise<TaskActionResultDto> {
    return this.actions.run(actor, id, 'acknowledgeReport', body, h);
  }
}
