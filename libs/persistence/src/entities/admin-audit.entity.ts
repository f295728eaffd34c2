import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

/**
 * One change of an organization's administration (units, people, settings, directory imports,
 * invitations): who, what, and the values before and after. Written in the transaction of the
 * change; listed newest first at `GET /admin/audit`.
 */
@Entity({ name: 'admin_audit' })
// The migration orders it (organization_id, created_at DESC, id DESC); TypeORM compares names and columns.
@Index('ix_admin_audit_org_created', ['organizationId', 'createdAt', 'id'])
export class AdminAuditEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_admin_audit' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_admin_audit_organization' })
  organization?: OrganizationEntity;

  /** The administrator; null for the operator's command line (`org create`). */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_user_id', foreignKeyConstraintName: 'fk_admin_audit_actor' })
  actor?: UserEntity | null;

  /** `unit.create`, `unit.update`, `user.create`, `user.update`, `settings.update`, `invitation.send`, `directory.import`, `organization.create`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
