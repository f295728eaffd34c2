import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDate, DomainError } from '@app/domain';
import { unitMonthlyRatings, type UnitMonthlyRating } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { organizationOf } from '../common/actor-organization';
import type { ReportDocument } from './report-document';
import { unitRatingsDocument } from './unit-ratings.layout';

/** Who sees the whole organization's rating; everybody else sees their own unit's. */
const ORGANIZATION_WIDE = ['monitor', 'director', 'deputyDirector', 'admin'];

export interface UnitRatingsQueryInput {
  from: string;
  to: string;
  unitId?: string;
}

/**
 * Monthly unit rating (WORKFLOW.md "Status words"; scenario 11): per lead unit and month, the
 * tasks due, done on time, done late, overdue and still open, from the stored ratings. The same
 * rule for the JSON and the files: the whole organization (or any one unit of it) for the monitor,
 * leadership and the administrator (counts only, no task), one's own unit for everybody else.
 */
@Injectable()
export class UnitRatingsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit the reader is limited to (their own), the one asked for, or undefined for all. */
  private scope(actor: Actor, query: UnitRatingsQueryInput): string | undefined {
    if (query.from > query.to) throw new DomainError('VALIDATION_FAILED', 'Tháng đầu phải trước hoặc bằng tháng cuối.', { from: query.from, to: query.to });
    const wide = actor.roles.some((r) => ORGANIZATION_WIDE.includes(r)) || (actor.onBehalfOfRoles ?? []).includes('director');
    if (wide) return query.unitId;
    if (!actor.unitId) throw new DomainError('FORBIDDEN', 'Bạn không thuộc đơn vị nào để xem đánh giá.');
    if (query.unitId && query.unitId !== actor.unitId) throw new DomainError('FORBIDDEN', 'Bạn chỉ xem được đánh giá của đơn vị mình.');
    return actor.unitId;
  }

  async ratings(actor: Actor, query: UnitRatingsQueryInput): Promise<{ from: string; to: string; rows: UnitMonthlyRating[] }> {
    const unitId = this.scope(actor, query);
    const rows = await unitMonthlyRatings(this.dataSource, organizationOf(actor), { from: query.from, to: query.to, unitId });
    return { from: query.from, to: query.to, rows };
  }

  async document(actor: Actor, query: UnitRatingsQueryInput): Promise<ReportDocument> {
    const unitId = this.scope(actor, query);
    const organizationId = organizationOf(actor);
    const rows = await unitMonthlyRatings(this.dataSource, organizationId, { from: query.from, to: query.to, unitId });
    const [organization]: Array<{ code: string; name: string }> = await this.dataSource.query(`SELECT code, name FROM organizations WHERE id = $1`, [organizationId]);
    let unit: { code: string; name: string } | null = null;
    if (unitId) {
      [unit] = await this.dataSource.query(`SELECT code, name FROM units WHERE id = $1 AND organization_id = $2`, [unitId, organizationId]);
      if (!unit) throw new DomainError('UNIT_NOT_FOUND', 'Không tìm thấy đơn vị.', { unitId });
    }
    return unitRatingsDocument({ organization, from: query.from, to: query.to, unit, asOf: CalendarDate.fromInstant(Date.now()), rows });
  }
}
