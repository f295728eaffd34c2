import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from '@app/config';
import { DomainError } from '@app/domain';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CLOSED_STATES } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { organizationOf } from '../common/actor-organization';
import { TaskQueryService } from '../tasks/task-query.service';
import { recognizeFile, safeFileName } from '../uploads/file-type';
import type { UploadedFileData } from '../uploads/uploaded-file';
import { AttachmentContentMissing, AttachmentStorage } from './attachment-storage';
import { AttachmentDto } from './attachment.dto';

interface AttachmentRow {
  id: string;
  task_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: Date;
  storage_key: string;
}

const COLUMNS = 'a.id, a.task_id, a.name, a.content_type, a.size, a.sha256, a.uploaded_by, a.created_at, a.storage_key';

/**
 * Task attachments: bytes in the AttachmentStorage, a row per file with its SHA-256. Whoever may
 * see the task may attach files to it and download them (the task read rule of
 * TaskQueryService.accessible: 404 for another organization's task or attachment, 403
 * TASK_ACCESS_DENIED for a task of the caller's own organization that is not theirs to see).
 */
@Injectable()
export class AttachmentService {
  private readonly logger = new Logger(AttachmentService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
    private readonly tasks: TaskQueryService,
    @Inject(Env) private readonly env: Env,
  ) {}

  async upload(actor: Actor, taskId: string, file: UploadedFileData | undefined): Promise<AttachmentDto> {
    const task = await this.tasks.accessible(actor, taskId);
    // A closed task takes no more files (issue 17): its record is final.
    const [{ state }]: Array<{ state: string }> = await this.dataSource.query(`SELECT state FROM tasks WHERE id = $1`, [task.id]);
    if ((CLOSED_STATES as readonly string[]).includes(state)) {
      throw new DomainError('TASK_CLOSED', 'Nhiệm vụ đã kết thúc, không thể đính kèm thêm tệp.', { state });
    }
    if (!file) throw new DomainError('FILE_REQUIRED', 'Chưa có tệp đính kèm: gửi tệp trong trường "file" (multipart/form-data).');
    const name = safeFileName(file.originalname);
    const { contentType } = recognizeFile(name, file.buffer, this.env.ATTACHMENT_TYPES);
    const id = randomUUID();
    const organizationId = organizationOf(actor);
    const storageKey = `${organizationId}/${task.id}/${id}`;
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    // Bytes first, then the row: a row always has its file; a failed insert removes the file.
    await this.storage.put(storageKey, file.buffer);
    try {
      const [row]: AttachmentRow[] = await this.dataSource.query(
        `INSERT INTO attachments AS a (id, organization_id, task_id, uploaded_by, name, content_type, size, sha256, storage_key)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING ${COLUMNS}`,
        [id, organizationId, task.id, actor.userId, name, contentType, file.buffer.length, sha256, storageKey],
      );
      return this.toDto(row);
    } catch (err) {
      await this.storage.remove(storageKey).catch(() => undefined);
      throw err;
    }
  }

  async list(actor: Actor, taskId: string): Promise<AttachmentDto[]> {
    await this.tasks.accessible(actor, taskId);
    const rows: AttachmentRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM attachments a WHERE a.task_id = $1 ORDER BY a.created_at, a.id`, [taskId]);
    return rows.map((r) => this.toDto(r));
  }

  async open(actor: Actor, id: string): Promise<{ attachment: AttachmentDto; stream: Readable }> {
    const [row]: AttachmentRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM attachments a WHERE a.id = $1 AND a.organization_id = $2`, [
      id,
      organizationOf(actor),
    ]);
    if (!row) throw new DomainError('ATTACHMENT_NOT_FOUND', 'Không tìm thấy tệp đính kèm.', { id });
    await this.tasks.accessible(actor, row.task_id);
    try {
      return { attachment: this.toDto(row), stream: await this.storage.open(row.storage_key) };
    } catch (err) {
      if (!(err instanceof AttachmentContentMissing)) throw err;
      this.logger.error({ attachmentId: id, storageKey: row.storage_key }, 'attachment row without its file');
      throw new DomainError('ATTACHMENT_CONTENT_MISSING', 'Nội dung tệp đính kèm không còn trên máy chủ; vui lòng báo quản trị viên.', { id });
    }
  }

  private toDto(r: AttachmentRow): AttachmentDto {
    return {
      id: r.id,
      taskId: r.task_id,
      name: r.name,
      contentType: r.content_type,
      size: r.size,
      sha256: r.sha256,
      uploadedBy: r.uploaded_by,
      createdAt: new Date(r.created_at).toISOString(),
      downloadUrl: `/attachments/${r.id}`,
    };
  }
}
