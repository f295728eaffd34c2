import { Controller, Get, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { UploadErrors } from '../uploads/upload-errors.interceptor';
import type { UploadedFileData } from '../uploads/uploaded-file';
import { AttachmentDto, UploadAttachmentForm } from './attachment.dto';
import { AttachmentService } from './attachment.service';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService) {}

  @Post('tasks/:id/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentForm })
  @ApiCreatedResponse({ type: AttachmentDto, description: 'id là fileId để tham chiếu trong saveDraft / submitReport' })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND: nhiệm vụ không tồn tại hoặc người dùng không được xem' })
  @ApiConflictResponse({ description: 'TASK_CLOSED: nhiệm vụ đã kết thúc' })
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
  ): Promise<AttachmentDto> {
    return this.attachments.upload(actor, taskId, file);
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
