import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { OrganizationOwnedEntity } from './organization-owned.entity';

export type UnitKindColumn = 'internal' | 'affiliated';

/** A unit inside a department (phòng, ban, trung tâm, Văn phòng Sở). */
@Entity({ name: 'units' })
@Index('uq_units_org_code', ['organizationId', 'code'], { unique: true })
export class UnitEntity extends OrganizationOwnedEntity {
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: UnitKindColumn;

  /** Spellings seen in plans ("Phòng CCHC-VTLT", "P.TCBC và TCPCP"); resolved by the importer. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  /** A deactivated unit leaves the directory (`GET /units`, new plans); its past tasks keep it. */
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
