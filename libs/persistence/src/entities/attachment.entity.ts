import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrganizationOwnedEntity } from './organization-owned.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

/**
 * A file attached to a task (a draft, a report, a scanned decision). The bytes live in the
 * attachment storage under `storage_key` (never derived from the name a person gave the file);
 * the row records what was received: name, type recognized from the bytes, size and SHA-256.
 * Workflow actions (saveDraft, submitReport) reference attachments by id (`Attachment.fileId`).
 */
@Entity({ name: 'attachments' })
@Index('ix_attachments_task', ['taskId', 'createdAt'])
@Index('uq_attachments_storage_key', ['storageKey'], { unique: true })
export class AttachmentEntity extends OrganizationOwnedEntity {
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: UserEntity | null;

  /** The file name as the person gave it (Vietnamese, without any folder part). */
  @Column({ type: 'text' })
  name: string;

  /** Recognized from the extension and checked against the first bytes, not taken from the client. */
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  /** Hex SHA-256 of the bytes, computed on receipt. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
