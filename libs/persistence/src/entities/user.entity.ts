import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrganizationOwnedEntity } from './organization-owned.entity';
import { UnitEntity } from './unit.entity';

@Entity({ name: 'users' })
@Index('uq_users_username', ['username'], { unique: true })
export class UserEntity extends OrganizationOwnedEntity {
  /** Login name, stored lower-case. */
  @Column({ type: 'text' })
  username: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** Chức danh as printed on documents ("Phó Giám đốc", "Trưởng phòng"). */
  @Column({ type: 'text', default: '' })
  title: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** Null until a password is set; demo users get one only in demo mode. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: string[];

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
