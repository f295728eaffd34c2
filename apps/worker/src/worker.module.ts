import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { loggerOptions } from '@app/config/logger.options';
import { TaskReadModelActivities } from './activities/task-read-model.activities';
import { NOTIFICATION_PROVIDERS } from './mail/notification.providers';
import { TemporalWorkerService } from './temporal-worker.service';

/** The worker has no HTTP listener: an application context with activities as providers. */
@Module({
  imports: [AppConfigModule, LoggerModule.forRootAsync(loggerOptions('worker')), PersistenceModule],
  providers: [TaskReadModelActivities, TemporalWorkerService, ...NOTIFICATION_PROVIDERS],
})
export class WorkerModule {}
