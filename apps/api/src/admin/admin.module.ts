import { Module } from '@nestjs/common';
import { AdminDirectoryController } from './admin-directory.controller';
import { AdminSettingsController, AdminSettingsService } from './admin-settings.controller';
import { AdminGuard } from './admin.guard';

/** Self-service administration of an organization (issue 21): directory, settings, audit, directory spreadsheet. */
@Module({
  controllers: [AdminDirectoryController, AdminSettingsController],
  providers: [AdminGuard, AdminSettingsService],
})
export class AdminModule {}
