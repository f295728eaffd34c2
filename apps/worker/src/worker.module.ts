import { Logger, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfigModule } from '@app/config';
import { PersistenceModule, TaskNotifier } from '@app/persistence';
import { loggerOptions } from '@app/config/logger.options';
import { TaskReadModelActivities } from './activities/task-read-model.activities';
import { NOTIFICATION_PROVIDERS } from './mail/notification.providers';
import { TemporalWorkerService } from './temporal-worker.service';

/** The worker has no HTTP listener: an application context with activities as providers. */
@Module({
  imports: [AppConfigModule, LoggerModule.forRootAsync(loggerOptions('worker')), PersistenceModule],
  providers: [
    {
      provide: TaskReadModelActivities,
      inject: [DataSource, TaskNotifier],
      // Its errors (an event key stored with other content) go to the worker's pino logger (main.ts useLogger).
      useFactory: (dataSource: DataSource, notifier: TaskNotifier) => new TaskReadModelActivities(dataSource, notifier, new Logger(TaskReadModelActivities.name)),
    },
    TemporalWorkerService,
    ...NOTIFICATION_PROVIDERS,
  ],
})
export class WorkerModule {}
