import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { MailDispatcherService } from './mail/mail-dispatcher.service';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const worker = app.get(TemporalWorkerService);
  const mail = app.get(MailDispatcherService);

  // SIGTERM/SIGINT: stop polling, let in-flight activities finish, then close Nest (DB pool).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.get(Logger).log(`${signal} received: draining the worker`);
      worker.shutdown();
    });
  }

  await worker.create();
  // The e-mail outbox is sent from this process too. It stops after the worker has drained: the
  // mail in flight finishes, the rest stays queued in Postgres for the next dispatcher.
  await mail.start();
  try {
    await worker.run();
  } finally {
    await mail.stop();
  }
  await app.close();
}

main().catch((err: unknown) => {
  // Logged as one JSON line so log shippers keep it; exit non-zero so supervisors restart us.
  console.error(JSON.stringify({ level: 'fatal', msg: 'worker crashed', err: String((err as Error)?.stack ?? err) }));
  process.exit(1);
});
