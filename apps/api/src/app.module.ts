import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule, loggerOptions } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { TemporalClientModule } from '@app/temporal';
import { AccountsModule } from './accounts/accounts.controller';
import { AdminModule } from './admin/admin.module';
import { CalendarAdminService, CalendarController } from './admin/calendar.controller';
import { NationalCalendarAdminService, NationalCalendarController } from './admin/national-calendar.controller';
import { AuthModule } from './auth/auth.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { ValidTextPipe } from './common/valid-text.pipe';
import { DelegationController } from './delegations/delegation.controller';
import { UnitsController } from './directory/units.controller';
import { HealthController } from './health/health.controller';
import { ReadinessController } from './health/readiness.controller';
import { InboxModule } from './inbox/inbox.module';
import { MetricsModule } from './metrics/metrics.module';
import { PlansModule } from './plans/plans.module';
import { ReportsModule } from './reports/reports.module';
import { TasksModule } from './tasks/tasks.module';

@Module({
  imports: [AppConfigModule, LoggerModule.forRootAsync(loggerOptions('api')), PersistenceModule, TemporalClientModule, AuthModule, TasksModule, InboxModule, PlansModule, AttachmentsModule, MetricsModule, ReportsModule, AdminModule, AccountsModule],
  controllers: [CalendarController, NationalCalendarController, DelegationController, HealthController, ReadinessController, UnitsController],
  providers: [
    CalendarAdminService,
    NationalCalendarAdminService,
    // First the text rule (INVALID_TEXT, JSON_TOO_DEEP), then the DTOs.
    { provide: APP_PIPE, useClass: ValidTextPipe },
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
