import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

/**
 * "KT. Giám đốc" as a recorded grant: the director (principal) lets a deputy sign for them from
 * `starts_on` to `ends_on` (calendar days in Vietnam, both included), optionally only for the
 * tasks of some lead units and only some actions. A revoked grant stays (revoked_at, revoked_by):
 * grants are never deleted, so the row is its own audit trail. X-On-Behalf-Of is honoured only
 * inside a grant in force, from an active director (libs/persistence actors.ts).
 */
@Entity({ name: 'delegation_grants' })
@Check('ck_delegation_grants_period', `"starts_on" <= "ends_on"`)
@Check('ck_delegation_grants_not_self', `"principal_user_id" <> "deputy_user_id"`)
@Index('ix_delegation_grants_deputy', ['deputyUserId', 'endsOn'])
@Index('ix_delegation_grants_principal', ['principalUserId', 'endsOn'])
export class DelegationGrantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_delegation_grants' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_delegation_grants_organization' })
  organization?: OrganizationEntity;

  /** The director who grants (and whose signature the deputy carries). */
  @Column({ name: 'principal_user_id', type: 'uuid' })
  principalUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'principal_user_id', foreignKeyConstraintName: 'fk_delegation_grants_principal' })
  principal?: UserEntity;

  /** The deputy director who may sign "KT.". */
  @Column({ name: 'deputy_user_id', type: 'uuid' })
  deputyUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deputy_user_id', foreignKeyConstraintName: 'fk_delegation_grants_deputy' })
  deputy?: UserEntity;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  /** Only tasks led by these units; null: every unit. */
  @Column({ name: 'unit_ids', type: 'uuid', array: true, nullable: true })
  unitIds: string[] | null;

  /** Only these task actions (contract names: approve, return, …); null: every action. */
  @Column({ type: 'text', array: true, nullable: true })
  actions: string[] | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;
}
