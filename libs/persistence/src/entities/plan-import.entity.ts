import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrganizationOwnedEntity } from './organization-owned.entity';
import { PlanEntity } from './plan.entity';
import { UserEntity } from './user.entity';

export type PlanImportStatus = 'previewed' | 'confirmed' | 'discarded';

/**
 * A plan file a monitor uploaded (POST /plans/imports): its bytes, what the parser read from it
 * (the preview a person reviews) and, once confirmed, the plan it made and the answer given, so a
 * second confirm answers the same without importing anything again. The bytes stay in Postgres
 * (plan files are small, at most PLAN_IMPORT_MAX_BYTES): they are written in the same statement
 * as the preview, so there is never a preview without its file or a file without its preview.
 */
@Entity({ name: 'plan_imports' })
// The organization's imports, newest first (GET /plans/imports).
@Index('ix_plan_imports_org_created', ['organizationId', 'createdAt'])
@Check('ck_plan_imports_status', `"status" IN ('previewed', 'confirmed', 'discarded')`)
@Check('ck_plan_imports_appendix', `("appendix_file_name" IS NULL) = ("appendix_content" IS NULL)`)
export class PlanImportEntity extends OrganizationOwnedEntity {
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: UserEntity | null;

  /** The name the person's file had (Vietnamese, as given). */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** Hex SHA-256 of the bytes. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'bytea' })
  content: Buffer;

  /** The appendix file sent beside the plan (multipart `appendix`), when its appendix is a file of its own. */
  @Column({ name: 'appendix_file_name', type: 'text', nullable: true })
  appendixFileName: string | null;

  @Column({ name: 'appendix_content', type: 'bytea', nullable: true })
  appendixContent: Buffer | null;

  /** The plan year given at upload (overrides the title's), or null. */
  @Column({ name: 'plan_year', type: 'int', nullable: true })
  planYear: number | null;

  /** Business key of the plan this file would make (see `planKeyOf`); null when nothing was parsed. */
  @Column({ name: 'plan_key', type: 'text', nullable: true })
  planKey: string | null;

  /** `PlanParseResult` plus the prose candidates when the file has no appendix table. */
  @Column({ name: 'parse_result', type: 'jsonb' })
  parseResult: Record<string, unknown>;

  /**
   * Units the monitor chose for names of the file the directory does not know, `[{ name, unitCode }]`;
   * `parse_result` is the file read with them (both written by one statement).
   */
  @Column({ name: 'unit_mappings', type: 'jsonb', default: [] })
  unitMappings: Array<{ name: string; unitCode: string }>;

  @Column({ type: 'text', default: 'previewed' })
  status: PlanImportStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'confirmed_by' })
  confirmer?: UserEntity | null;

  /** What confirm answered (counts, the diff it applied): the answer of every later confirm. */
  @Column({ name: 'confirm_result', type: 'jsonb', nullable: true })
  confirmResult: Record<string, unknown> | null;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId: string | null;

  @ManyToOne(() => PlanEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity | null;
}
