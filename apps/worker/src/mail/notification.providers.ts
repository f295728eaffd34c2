import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from '@app/config';
import { TaskNotifier } from '@app/persistence';
import { MailDispatcherService } from './mail-dispatcher.service';
import { createMailTransport, mailTransportConfig } from './mail-transport';

/**
 * Notifications in the worker: the fan-out the read-model activity calls in its transaction, and
 * the dispatcher that sends the e-mail outbox (main.ts starts and stops it with the worker).
 */
export const NOTIFICATION_PROVIDERS: Provider[] = [
  { provide: TaskNotifier, inject: [Env], useFactory: (env: Env) => new TaskNotifier({ publicUrl: env.PUBLIC_URL }) },
  {
    provide: MailDispatcherService,
    inject: [DataSource, Env],
    useFactory: (dataSource: DataSource, env: Env) =>
      new MailDispatcherService(dataSource, createMailTransport(mailTransportConfig(env)), { enabled: env.MAIL_DISPATCHER_ENABLED, organizationIds: env.MAIL_DISPATCHER_ORGANIZATION_IDS }),
  },
];
