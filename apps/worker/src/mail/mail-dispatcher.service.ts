import { Logger, LoggerService, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  claimDueEmails,
  ClaimedEmail,
  DEFAULT_RETRY_POLICY,
  EMAIL_OUTBOX_CHANNEL,
  giveUpEmail,
  markEmailFailed,
  markEmailSent,
  releaseEmails,
  RetryPolicy,
} from '@app/persistence';
import type { MailTransport } from './mail-transport';

export interface MailDispatcherOptions {
  /** Off: start() does nothing (another process sends). */
  enabled: boolean;
  /** Rows claimed per round trip. */
  batchSize: number;
  /** The periodic sweep: catches what a missed NOTIFY and the backoff make due. */
  sweepIntervalMs: number;
  /** A row 'sending' for longer than this belongs to a dispatcher that died. */
  leaseMs: number;
  retry: RetryPolicy;
  /** Wait before reopening the LISTEN connection after it dropped. */
  reconnectMs: number;
  /** Only the outbox of these organizations; unset: every organization's. */
  organizationIds?: string[];
}

export const DEFAULT_MAIL_DISPATCHER_OPTIONS: MailDispatcherOptions = {
  enabled: true,
  batchSize: 10,
  sweepIntervalMs: 10_000,
  leaseMs: 5 * 60_000,
  retry: DEFAULT_RETRY_POLICY,
  reconnectMs: 5_000,
};

export interface DrainReport {
  sent: number;
  failed: number;
}

/**
 * Sends the e-mail outbox from the worker process. Wakes on `pg_notify('email_outbox')` (sent by
 * the fan-out's transaction as it commits) and on a periodic sweep; each round claims due rows
 * with SKIP LOCKED (several workers share the queue), sends them one by one and records the
 * outcome. This is a mail queue, not a timer: reminders are the task workflow's durable timers.
 *
 * stop() lets the mail in flight finish, hands the rest of the claimed batch back and closes the
 * LISTEN connection; a crash instead leaves rows 'sending' until their lease runs out.
 */
export class MailDispatcherService implements OnModuleDestroy {
  private readonly options: MailDispatcherOptions;
  private listener?: Client;
  private sweepTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private started = false;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    options: Partial<MailDispatcherOptions> = {},
    private readonly logger: LoggerService = new Logger(MailDispatcherService.name),
  ) {
    this.options = { ...DEFAULT_MAIL_DISPATCHER_OPTIONS, ...options };
  }

  async start(): Promise<void> {
    if (this.started || this.stopping) return;
    if (!this.options.enabled) {
      this.logger.log('mail dispatcher disabled (MAIL_DISPATCHER_ENABLED=false)');
      return;
    }
    this.started = true;
    await this.listen();
    this.sweepTimer = setInterval(() => this.kick(), this.options.sweepIntervalMs);
    this.logger.log(`mail dispatcher ready: ${this.transport.description}, sweep every ${this.options.sweepIntervalMs} ms`);
    this.kick(); // what was queued while no dispatcher ran
  }

  /** Asks for a round; rounds never overlap, a kick during one runs another after it. */
  kick(): void {
    if (this.stopping) return;
    this.rerun = true;
    if (this.running) return;
    this.running = this.rounds().finally(() => (this.running = undefined));
  }

  /** Resolves when no round runs (tests wait for the quiet moment before they queue a mail). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async rounds(): Promise<void> {
    while (this.rerun && !this.stopping) {
      this.rerun = false;
      try {
        await this.drain();
      } catch (err) {
        // Postgres away: the next sweep tries again; nothing is lost, rows stay in the table.
        this.logger.warn(`mail dispatch round failed: ${String((err as Error)?.message ?? err)}`);
      }
    }
  }

  /** Sends everything due now, batch by batch. Public for tests, which drive it step by step. */
  async drain(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, failed: 0 };
    while (!this.stopping) {
      const batch = await claimDueEmails(this.dataSource, {
        batchSize: this.options.batchSize,
        leaseMs: this.options.leaseMs,
        organizationIds: this.options.organizationIds,
      });
      for (let i = 0; i < batch.length; i++) {
        if (this.stopping) {
          await releaseEmails(this.dataSource, batch.slice(i).map((r) => r.id));
          return report;
        }
        if (await this.deliver(batch[i])) report.sent += 1;
        else report.failed += 1;
      }
      if (batch.length < this.options.batchSize) break;
    }
    return report;
  }

  private async deliver(row: ClaimedEmail): Promise<boolean> {
    if (row.attempts >= this.options.retry.maxAttempts) {
      // Reclaimed after crashes until the attempts ran out: a poison mail is not tried again.
      await giveUpEmail(this.dataSource, row.id, 'given up: the dispatcher stopped during every attempt');
      this.logger.warn(`mail given up: outbox=${row.id} to=${row.toAddress} after ${row.attempts} interrupted attempts`);
      return false;
    }
    try {
      const { messageId } = await this.transport.send({
        id: row.id,
        notificationId: row.notificationId,
        to: { name: row.toName, address: row.toAddress },
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody,
      });
      await markEmailSent(this.dataSource, row.id, messageId);
      this.logger.log(`mail sent: outbox=${row.id} to=${row.toAddress} messageId=${messageId ?? '-'} via ${this.transport.description}`);
      return true;
    } catch (err) {
      const error = this.transport.describeError(err);
      const outcome = await markEmailFailed(this.dataSource, row, error, this.options.retry);
      const next = outcome.status === 'failed' ? 'given up' : `next attempt in ${Math.round((outcome.delayMs ?? 0) / 1000)} s`;
      this.logger.warn(`mail failed: outbox=${row.id} to=${row.toAddress} attempt=${outcome.attempts} (${next}): ${error}`);
      return false;
    }
  }

  /** LISTEN on a connection of its own (a pooled one would be handed to queries in between). */
  private async listen(): Promise<void> {
    if (this.stopping) return;
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: 'planflow-mail-listener' });
    const reconnect = (why: string) => {
      if (this.stopping || this.listener !== client) return;
      this.listener = undefined;
      this.logger.warn(`mail listener lost (${why}); the sweep covers until it is back`);
      client.removeAllListeners();
      client.on('error', () => {}); // late errors of the dead connection
      client.end().catch(() => {});
      this.reconnectTimer = setTimeout(() => void this.listen(), this.options.reconnectMs);
    };
    client.on('notification', () => this.kick());
    client.on('error', (err) => reconnect(err.message));
    client.on('end', () => reconnect('connection ended'));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${EMAIL_OUTBOX_CHANNEL}`);
      this.kick(); // NOTIFYs sent while the connection was down are lost: look now
    } catch (err) {
      reconnect(String((err as Error)?.message ?? err));
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.sweepTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      listener.removeAllListeners();
      listener.on('error', () => {});
      await listener.end().catch(() => {});
    }
    await this.running;
    this.transport.close();
    if (this.started) this.logger.log('mail dispatcher stopped');
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
