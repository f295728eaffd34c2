import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import { OrganizationOwnedEntity } from './organization-owned.entity';

export type EmailOutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * The e-mail of one notification, queued in the transaction that created the notification (a
 * transactional outbox): the worker's mail dispatcher claims due rows, sends them and records the
 * outcome, retrying with backoff. Nothing is sent from inside the transaction, so a rolled-back
 * event never mails anybody, and a committed one is never forgotten.
 */
@Entity({ name: 'email_outbox' })
@Index('uq_email_outbox_notification', ['notificationId'], { unique: true })
@Index('ix_email_outbox_due', ['status', 'nextAttemptAt'])
@Check('ck_email_outbox_status', `"status" IN ('pending', 'sending', 'sent', 'failed')`)
export class EmailOutboxEntity extends OrganizationOwnedEntity {
  /** The notification mailed; null for an account mail (invitation, password reset). */
  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId: string | null;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: NotificationEntity;

  @Column({ name: 'to_address', type: 'text' })
  toAddress: string;

  @Column({ name: 'to_name', type: 'text', default: '' })
  toName: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: EmailOutboxStatus;

  /** Delivery attempts that failed so far (a success does not count). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When a pending row is due next (now for a new row, later after a failure: the backoff). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** The last failure, as the SMTP server or the transport put it; never credentials. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Message-ID of the sent mail, to find it in the relay's logs. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
