import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Env } from '@app/config';
import { uploadOptions } from '../uploads/uploaded-file';
import { PlanImportController } from './plan-import.controller';
import { PlanImportService } from './plan-import.service';
import { PlanController } from './plan.controller';
import { PlanQueryService } from './plan-query.service';

/** Plans: import (upload, preview, confirm), list and progress. */
@Module({
  imports: [MulterModule.registerAsync({ inject: [Env], useFactory: (env: Env) => uploadOptions(env.PLAN_IMPORT_MAX_BYTES, 2) })],
  // The imports controller first: its routes are more specific than /plans/:id.
  controllers: [PlanImportController, PlanController],
  providers: [PlanImportService, PlanQueryService],
})
export class PlansModule {}
