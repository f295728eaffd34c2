import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule, loggerOptions } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { TemporalClientModule } from '@app/temporal';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { HealthController } from './health/health.controller';
import { TaskQueryService } from './tasks/task-query.service';
import { TaskController } from './tasks/task.controller';

@Module({
  imports: [AppConfigModule, LoggerModule.forRootAsync(loggerOptions('api')), PersistenceModule, TemporalClientModule],
  controllers: [HealthController, TaskController],
  providers: [
    TaskQueryService,
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
