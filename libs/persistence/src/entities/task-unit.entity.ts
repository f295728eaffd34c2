import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TaskEntity } from './task.entity';
import { UnitEntity } from './unit.entity';

export type TaskUnitRole = 'lead' | 'coordinating';

/** Which units lead or coordinate a task, after the importer resolved the plan's wording. */
@Entity({ name: 'task_units' })
// The tasks of a unit (visibility of listings); the primary key serves the units of a task.
@Index('ix_task_units_unit', ['unitId', 'taskId'])
export class TaskUnitEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @PrimaryColumn({ type: 'text' })
  role: TaskUnitRole;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  /** The group phrase the unit came from (ALL_UNITS…), null when named directly. */
  @Column({ name: 'via_group', type: 'text', nullable: true })
  viaGroup: string | null;
}
