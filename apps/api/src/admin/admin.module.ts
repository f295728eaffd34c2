import { Module } from '@nestjs/common';
import { AdminDirectoryController } from './admin-directory.controller';
import { AdminSettingsController, AdminSettingsService } from './admin-settings.controller';
import { AdminGuard } from './admin.guard';
import { DirectoryImportController, DirectoryImportService } from './directory-import.controller';

/** Self-service administration of an organization (issue 21): directory, settings, audit, directory spreadsheet. */
@Module({
  controllers: [AdminDirectoryController, AdminSettingsController, DirectoryImportController],
  providers: [AdminGuard, AdminSettingsService, DirectoryImportService],
})
export class AdminModule {}
