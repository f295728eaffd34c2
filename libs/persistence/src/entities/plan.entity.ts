import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { OrganizationOwnedEntity } from './organization-owned.entity';

/** A plan (Kế hoạch) with the header fields printed on the document. */
@Entity({ name: 'plans' })
@Index('uq_plans_org_key', ['organizationId', 'planKey'], { unique: true })
export class PlanEntity extends OrganizationOwnedEntity {
  /** Business key of the plan inside the organization; makes a re-import land on the same plan. */
  @Column({ name: 'plan_key', type: 'text' })
  planKey: string;

  /** "Số: 123/KH-SNV"; often blank before signing. */
  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  issuer: string | null;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ name: 'start_year', type: 'int' })
  startYear: number;

  @Column({ name: 'end_year', type: 'int' })
  endYear: number;

  @Column({ name: 'signer_name', type: 'text', nullable: true })
  signerName: string | null;

  /** "KT. GIÁM ĐỐC": a deputy signed for the director. */
  @Column({ name: 'signed_on_behalf', type: 'boolean', default: false })
  signedOnBehalf: boolean;

  @Column({ name: 'source_file_name', type: 'text', nullable: true })
  sourceFileName: string | null;

  @Column({ name: 'source_checksum', type: 'text', nullable: true })
  sourceChecksum: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
