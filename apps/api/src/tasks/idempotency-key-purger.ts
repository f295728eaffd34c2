import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from '@app/config';
import { purgeIdempotencyKeys } from './idempotency-keys';

/**
 * Each API process purges idempotency keys older than IDEMPOTENCY_KEY_RETENTION_HOURS (default
 * 24) at start and every IDEMPOTENCY_KEY_PURGE_INTERVAL_SECONDS (default 3600). Several processes
 * purging at once only delete the same old rows; a failed purge (the database away) is logged and
 * tried again at the next tick.
 */
@Injectable()
export class IdempotencyKeyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeyPurger.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(Env) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    void this.purge();
    this.timer = setInterval(() => void this.purge(), this.env.IDEMPOTENCY_KEY_PURGE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One purge now (one at a time per process); resolves with the keys deleted, 0 after a failure. */
  purge(): Promise<number> {
    this.running ??= purgeIdempotencyKeys(this.dataSource, this.env.IDEMPOTENCY_KEY_RETENTION_HOURS)
      .then((n) => {
        if (n) this.logger.log({ deleted: n, retentionHours: this.env.IDEMPOTENCY_KEY_RETENTION_HOURS }, 'idempotency keys purged');
        return n;
      })
      .catch((err: unknown) => {
        this.logger.warn({ err }, 'idempotency key purge failed; next tick retries');
        return 0;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
