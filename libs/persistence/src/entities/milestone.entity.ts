import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

/** One parsed milestone of a task's timeline; milestones run in order. */
@Entity({ name: 'milestones' })
@Index('uq_milestones_task_position', ['taskId', 'position'], { unique: true })
export class MilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text', default: '' })
  label: string;

  /** deadline | ongoing | event | external | recurring */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'text', nullable: true })
  trigger: string | null;

  @Column({ type: 'text', default: 'OPEN' })
  state: string;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
