import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

/**
 * An uploaded directory spreadsheet (units, people, portfolios): its rows as read, the preview
 * (errors per row, diff against the directory) and, once confirmed, what it changed.
 */
@Entity({ name: 'directory_imports' })
@Index('ix_directory_imports_org', ['organizationId', 'createdAt'])
@Check('ck_directory_imports_status', `"status" IN ('preview', 'confirmed', 'discarded')`)
export class DirectoryImportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_directory_imports' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_directory_imports_organization' })
  organization?: OrganizationEntity;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'fk_directory_imports_uploaded_by' })
  uploader?: UserEntity | null;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  sha256: string;

  /** The rows as read from the file (units, people, portfolios). */
  @Column({ type: 'jsonb' })
  rows: Record<string, unknown>;

  @Column({ type: 'text', default: 'preview' })
  status: 'preview' | 'confirmed' | 'discarded';

  /** The answer of the confirm (what changed), kept so a second confirm answers it again. */
  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;
}
