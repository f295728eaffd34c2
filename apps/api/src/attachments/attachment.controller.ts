import { Controller, Delete, Get, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ACTIONS } from '@app/workflows/task-lifecycle/actions';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { UploadErrors } from '../uploads/upload-errors.interceptor';
import type { UploadedFileData } from '../uploads/uploaded-file';
import { AttachmentDto, RemovedAttachmentDto, UploadAttachmentForm, UploadedAttachmentDto } from './attachment.dto';
import { AttachmentService } from './attachment.service';

/** The OpenAPI operation of a file step: its label and who may take it, as the action registry states them. */
const operationOf = (a: { label: string; who: string }) => ({ summary: a.label, description: `Ai được thực hiện: ${a.who}` });

@ApiTags('attachments')
@ApiBearerAuth()
@ApiHeader({ name: 'X-On-Behalf-Of', required: false, description: 'Phó Giám đốc ký thay (KT.) Giám đốc, trong ủy quyền đang có hiệu lực' })
@Controller()
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService) {}

  @Post('tasks/:id/attachments')
  @ApiOperation(operationOf(ACTIONS.recordAttachment))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentForm })
  @ApiCreatedResponse({ type: UploadedAttachmentDto, description: 'id là fileId để tham chiếu trong saveDraft / submitReport; lịch sử nhiệm vụ ghi ATTACHMENT_UPLOADED' })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND: nhiệm vụ không tồn tại hoặc người dùng không được xem' })
  @ApiForbiddenResponse({ description: 'TASK_ACCESS_DENIED; UPLOAD_NOT_ALLOWED (vai trò hoặc trạng thái không cho phép tải tệp lên); DELEGATION_NOT_GRANTED' })
  @ApiConflictResponse({ description: 'TASK_CLOSED: nhiệm vụ đã kết thúc' })
  @ApiUnprocessableEntityResponse({ description: 'ACTION_NOT_SUPPORTED (nhiệm vụ do nhiều đơn vị chủ trì), INVALID_TEXT' })
  @ApiPayloadTooLargeResponse({ description: 'FILE_TOO_LARGE (ATTACHMENT_MAX_BYTES)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_FILE_TYPE (ATTACHMENT_TYPES, kiểm tra cả nội dung)' })
  @UseInterceptors(
    UploadErrors('file', (env) => env.ATTACHMENT_MAX_BYTES),
    FileInterceptor('file'),
  )
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) taskId: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ): Promise<UploadedAttachmentDto> {
    return this.attachments.upload(actor, taskId, file);
  }

  @Delete('tasks/:id/attachments/:fileId')
  @ApiOperation(operationOf(ACTIONS.removeAttachment))
  @ApiOkResponse({ type: RemovedAttachmentDto, description: 'Tệp đã gỡ (không còn tải về được); lịch sử nhiệm vụ ghi ATTACHMENT_REMOVED' })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND, ATTACHMENT_NOT_FOUND (cả tệp của nhiệm vụ khác)' })
  @ApiForbiddenResponse({ description: 'TASK_ACCESS_DENIED; ATTACHMENT_NOT_YOURS (chỉ người tải lên được gỡ); FORBIDDEN (không tham gia nhiệm vụ); DELEGATION_NOT_GRANTED' })
  @ApiConflictResponse({ description: 'ATTACHMENT_IN_USE (tệp nằm trong dự thảo hoặc báo cáo đã trình), TASK_CLOSED' })
  @ApiUnprocessableEntityResponse({ description: 'ACTION_NOT_SUPPORTED (nhiệm vụ do nhiều đơn vị chủ trì)' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) taskId: string,
    @Param('fileId', new ParseUUIDPipe()) fileId: string,
  ): Promise<RemovedAttachmentDto> {
    return this.attachments.remove(actor, taskId, fileId);
  }

  @Get('tasks/:id/attachments')
  @ApiOkResponse({ type: [AttachmentDto] })
  list(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) taskId: string): Promise<AttachmentDto[]> {
    return this.attachments.list(actor, taskId);
  }

  @Get('attachments/:id')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'Nội dung tệp; Content-Disposition mang tên tệp tiếng Việt (RFC 5987), X-Content-SHA256' })
  @ApiNotFoundResponse({ description: 'ATTACHMENT_NOT_FOUND' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { attachment, stream } = await this.attachments.open(actor, id);
    // Express's attachment() writes filename="ascii fallback"; filename*=UTF-8''… (RFC 5987/6266).
    res.attachment(attachment.name);
    res.setHeader('Content-Type', attachment.contentType);
    res.setHeader('Content-Length', String(attachment.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Content-SHA256', attachment.sha256);
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(stream);
  }
}
