import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from '@app/config';
import { DomainError } from '@app/domain';
import {
  attachmentReferencedBySubmission,
  AttachmentRow,
  deleteAttachment,
  findOrganizationAttachment,
  findTaskAttachment,
  findTaskState,
  insertAttachment,
  listTaskAttachments,
} from '@app/persistence';
import { TaskCommands } from '@app/temporal';
import { ACTIONS } from '@app/workflows/task-lifecycle/actions';
import type { Actor, AttachmentFacts } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CLOSED_STATES } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { organizationOf } from '../common/actor-organization';
import { assertGroupAction, TaskActionService } from '../tasks/task-action.service';
import { TaskQueryService } from '../tasks/task-query.service';
import { recognizeFile, safeFileName } from '../uploads/file-type';
import type { UploadedFileData } from '../uploads/uploaded-file';
import { AttachmentContentMissing, AttachmentStorage } from './attachment-storage';
import { AttachmentDto, RemovedAttachmentDto, UploadedAttachmentDto } from './attachment.dto';

/** Events of the audit trail that submit a draft, as the registry's `submit` declares them (the latest DRAFT_SAVED before one is what was submitted). */
const SUBMISSIONS = Object.keys(ACTIONS.submit.events);

/**
 * Task attachments: bytes in the AttachmentStorage, a row per file with its SHA-256. Whoever may
 * see the task may download its files (the task read rule of TaskQueryService.accessible: 404 for
 * another organization's task or attachment, 403 TASK_ACCESS_DENIED for a task of the caller's own
 * organization that is not theirs to see). Who may add a file, and who may take one back, the
 * workflow decides (issue 17: the registry's `recordAttachment` / `removeAttachment`, each an
 * event of the history): the API stores the bytes, asks, and undoes the storing when refused.
 */
@Injectable()
export class AttachmentService {
  private readonly logger = new Logger(AttachmentService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
    private readonly tasks: TaskQueryService,
    private readonly actions: TaskActionService,
    private readonly commands: TaskCommands,
    @Inject(Env) private readonly env: Env,
  ) {}

  async upload(actor: Actor, taskId: string, file: UploadedFileData | undefined): Promise<UploadedAttachmentDto> {
    const task = await this.tasks.accessible(actor, taskId);
    assertGroupAction(task.isGroup, 'recordAttachment');
    // A closed task takes no more files (issue 17): its record is final. Asked here first, so
    // nothing is stored; the workflow refuses it too.
    const state = await findTaskState(this.dataSource, task.id);
    if (state !== undefined && (CLOSED_STATES as readonly string[]).includes(state)) {
      throw new DomainError('TASK_CLOSED', 'Nhiệm vụ đã kết thúc, không thể đính kèm thêm tệp.', { state });
    }
    if (actor.onBehalfOfUserId) await this.actions.checkGrantScope(actor, task.id, 'recordAttachment');
    if (!file) throw new DomainError('FILE_REQUIRED', 'Chưa có tệp đính kèm: gửi tệp trong trường "file" (multipart/form-data).');
    const name = safeFileName(file.originalname);
    const { contentType } = recognizeFile(name, file.buffer, this.env.ATTACHMENT_TYPES);
    const id = randomUUID();
    const organizationId = organizationOf(actor);
    const storageKey = `${organizationId}/${task.id}/${id}`;
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    // Bytes first, then the row, then the workflow's word (the upload is an event of the history).
    // Whatever fails or is refused undoes the storing: no row without its event, no file without its row.
    await this.storage.put(storageKey, file.buffer);
    let stored = false;
    try {
      const row = await insertAttachment(this.dataSource, {
        id,
        organizationId,
        taskId: task.id,
        uploadedBy: actor.userId,
        name,
        contentType,
        size: file.buffer.length,
        sha256,
        storageKey,
      });
      stored = true;
      const snapshot = await this.commands.execute(task.workflowId, 'recordAttachment', {
        actor,
        idempotencyKey: `attachment:${id}`,
        attachment: { fileId: id, name, contentType, size: file.buffer.length, sha256 },
      });
      return { ...this.toDto(row), taskVersion: snapshot.version };
    } catch (err) {
      if (stored) await deleteAttachment(this.dataSource, id).catch((e: unknown) => this.logger.error({ err: e, attachmentId: id }, 'refused upload: row not removed'));
      await this.storage.remove(storageKey).catch((e: unknown) => this.logger.error({ err: e, storageKey }, 'refused upload: file not removed'));
      throw err;
    }
  }

  /**
   * Gỡ tệp: its uploader takes back a file no submitted draft or report holds (the workflow's
   * `removeAttachment`, an event of the history); then the row and the bytes go: no longer
   * listed, no longer downloadable. Refused: nothing changes.
   */
  async remove(actor: Actor, taskId: string, fileId: string): Promise<RemovedAttachmentDto> {
    const task = await this.tasks.accessible(actor, taskId);
    assertGroupAction(task.isGroup, 'removeAttachment');
    const row = await findTaskAttachment(this.dataSource, task.id, fileId);
    if (!row) throw new DomainError('ATTACHMENT_NOT_FOUND', 'Không tìm thấy tệp đính kèm.', { id: fileId });
    if (actor.onBehalfOfUserId) await this.actions.checkGrantScope(actor, task.id, 'removeAttachment');
    const attachment: AttachmentFacts = {
      fileId: row.id,
      name: row.name,
      contentType: row.content_type,
      size: Number(row.size),
      sha256: row.sha256,
      uploadedBy: row.uploaded_by,
    };
    const referencedBySubmission = await this.referencedBySubmission(task.id, row.id);
    const snapshot = await this.commands.execute(task.workflowId, 'removeAttachment', {
      actor,
      idempotencyKey: `remove-attachment:${row.id}`,
      attachment,
      ...(referencedBySubmission ? { referencedBySubmission } : {}),
    });
    await deleteAttachment(this.dataSource, row.id);
    await this.storage.remove(row.storage_key).catch((err: unknown) => this.logger.error({ err, attachmentId: row.id, storageKey: row.storage_key }, 'removed attachment: file left on disk'));
    return { attachment: this.toDto(row), version: snapshot.version };
  }

  /**
   * The audit trail holds the file in a submitted report, or in the draft as it was submitted (the
   * latest DRAFT_SAVED before a submission): for histories from before the workflow listed the
   * files its submissions carried (the workflow decides with both).
   */
  private referencedBySubmission(taskId: string, fileId: string): Promise<boolean> {
    return attachmentReferencedBySubmission(this.dataSource, taskId, fileId, SUBMISSIONS);
  }

  async list(actor: Actor, taskId: string): Promise<AttachmentDto[]> {
    await this.tasks.accessible(actor, taskId);
    const rows = await listTaskAttachments(this.dataSource, taskId);
    return rows.map((r) => this.toDto(r));
  }

  async open(actor: Actor, id: string): Promise<{ attachment: AttachmentDto; stream: Readable }> {
    const row = await findOrganizationAttachment(this.dataSource, organizationOf(actor), id);
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
