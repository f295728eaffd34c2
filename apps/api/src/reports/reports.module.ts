import { Module } from '@nestjs/common';
import { PlanProgressController } from './plan-progress.controller';
import { PlanProgressService } from './plan-progress.service';
import { UnitRatingsController } from './unit-ratings.controller';
import { UnitRatingsService } from './unit-ratings.service';

/** Reports (scenario 11): plan progress and the monthly unit rating, as JSON, .xlsx and .docx. */
@Module({
  controllers: [PlanProgressController, UnitRatingsController],
  providers: [PlanProgressService, UnitRatingsService],
})
export class ReportsModule {}
