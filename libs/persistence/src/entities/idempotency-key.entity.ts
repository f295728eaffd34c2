import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An Idempotency-Key as the IETF draft (httpapi-idempotency-key-header) binds it: the first request
 * with a key records the fingerprint of what it asked (route, task, body, If-Match); the same key
 * with another fingerprint is refused (422 IDEMPOTENCY_KEY_REUSED), the same one answers as the
 * first did (the workflow applies the action once). Keys are the caller's: `user_id` is part of the
 * key, so two people's keys never meet.
 */
@Entity({ name: 'idempotency_keys' })
/** The purge reads the keys past their retention by age (migration IdempotencyKeysPurge). */
@Index('ix_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_idempotency_keys' })
  userId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  key: string;

  /** Hex SHA-256 of the canonical request. */
  @Column({ type: 'text' })
  fingerprint: string;

  /** Where the key was first used (for people reading a refusal): `POST /tasks/<id>/<action>`. */
  @Column({ type: 'text' })
  target: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
