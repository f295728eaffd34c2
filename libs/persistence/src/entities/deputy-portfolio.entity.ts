import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

/** The units a deputy director is in charge of ("phụ trách"): whose tasks they approve. */
@Entity({ name: 'deputy_portfolios' })
export class DeputyPortfolioEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;
}
