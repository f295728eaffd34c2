import { ApiProperty, ApiSchema } from '@nestjs/swagger';

export class UploadAttachmentForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Tệp đính kèm (loại và dung lượng theo cấu hình)' })
  file?: unknown;
}

/**
 * `id` is the `fileId` workflow actions reference (saveDraft, submitReport: `Attachment`). Named
 * StoredAttachmentDto in OpenAPI: the actions' own `AttachmentDto` (a reference in a body) has the
 * class name, and two schemas of one name would be one.
 */
@ApiSchema({ name: 'StoredAttachmentDto' })
export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() taskId: string;
  @ApiProperty({ example: 'Báo cáo kết quả CCHC quý I.pdf' }) name: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'SHA-256 (hex) của nội dung' }) sha256: string;
  @ApiProperty({ nullable: true, type: String }) uploadedBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Đường dẫn tải về' }) downloadUrl: string;
}

/** What `DELETE /tasks/:id/attachments/:fileId` removed, and the task's version after the event. */
export class RemovedAttachmentDto {
  @ApiProperty({ type: AttachmentDto }) attachment: AttachmentDto;
  @ApiProperty({ description: 'Phiên bản nhiệm vụ sau sự kiện gỡ tệp' }) version: number;
}

/** The answer of an upload: the stored file, and the task's version after its ATTACHMENT_UPLOADED event. */
export class UploadedAttachmentDto extends AttachmentDto {
  @ApiProperty({ description: 'Phiên bản nhiệm vụ sau sự kiện tải tệp lên (If-Match của thao tác tiếp theo)' }) taskVersion: number;
}
