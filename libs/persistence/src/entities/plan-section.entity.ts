import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlanEntity } from './plan.entity';

/** A section of the appendix ("II. CẢI CÁCH THỂ CHẾ"); STT restarts in each. */
@Entity({ name: 'plan_sections' })
@Index('uq_plan_sections_plan_code', ['planId', 'code'], { unique: true })
export class PlanSectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  /** Roman numeral as printed ("I", "II", …). */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'int' })
  position: number;
}
