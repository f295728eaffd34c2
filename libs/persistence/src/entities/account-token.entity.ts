import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

export type AccountTokenPurpose = 'invitation' | 'reset';

/**
 * A one-time link that lets a person choose their password: the invitation of a new account, or a
 * reset ("Quên mật khẩu"). Only the SHA-256 of the token is stored; a token is spent when used
 * (`used_at`), and dies at `expires_at` (72 h) or when a newer one of the same person is issued.
 */
@Entity({ name: 'account_tokens' })
@Index('uq_account_tokens_token_hash', ['tokenHash'], { unique: true })
@Index('ix_account_tokens_user', ['userId'])
@Check('ck_account_tokens_purpose', `"purpose" IN ('invitation', 'reset')`)
export class AccountTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_account_tokens' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_account_tokens_user' })
  user?: UserEntity;

  @Column({ type: 'text' })
  purpose: AccountTokenPurpose;

  /** Hex SHA-256 of the token of the link. */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** When the password was set with it; or when a newer token of the person replaced it. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
