import { DeputyPortfolioEntity } from './deputy-portfolio.entity';
import { MilestoneEntity } from './milestone.entity';
import { OrganizationEntity } from './organization.entity';
import { PlanSectionEntity } from './plan-section.entity';
import { PlanEntity } from './plan.entity';
import { TaskEventEntity } from './task-event.entity';
import { TaskUnitEntity } from './task-unit.entity';
import { TaskEntity } from './task.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

export {
  DeputyPortfolioEntity,
  MilestoneEntity,
  OrganizationEntity,
  PlanEntity,
  PlanSectionEntity,
  TaskEntity,
  TaskEventEntity,
  TaskUnitEntity,
  UnitEntity,
  UserEntity,
};

export const ENTITIES = [
  OrganizationEntity,
  UnitEntity,
  UserEntity,
  DeputyPortfolioEntity,
  PlanEntity,
  PlanSectionEntity,
  TaskEntity,
  TaskUnitEntity,
  MilestoneEntity,
  TaskEventEntity,
];
