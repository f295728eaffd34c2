import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, DomainError, encodeCursor, isTimeAndId, StatusWord } from '@app/domain';
import {
  findPlan,
  listPlans,
  planRowStatusCounts,
  planSectionStatusCounts,
  PlanSummaryRecord,
  planUnitStatusCounts,
} from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { organizationOf } from '../common/actor-organization';
import { vietnamToday } from '../tasks/task-query.service';
import { liveStatusWordSql } from '../tasks/task-search';
import { ListPlansQuery, PlanDetailDto, PlanPageDto, PlanSummaryDto, ProgressDto, STATUS_WORD_KEYS } from './plan.dto';

interface Cursor {
  t: string;
  id: string;
}

const decodePlanCursor = (raw: string): Cursor => decodeCursor<Cursor>(raw, (c) => isTimeAndId(c, 't'));

/** Counts per status word, every word present (0 when no task has it). */
function progressOf(rows: Array<{ status_word: string | null; n: number }>): ProgressDto {
  const byStatus = Object.fromEntries(STATUS_WORD_KEYS.map((k) => [k, 0])) as Record<StatusWord, number>;
  let total = 0;
  for (const r of rows) {
    if (!r.status_word) continue;
    byStatus[r.status_word as StatusWord] = (byStatus[r.status_word as StatusWord] ?? 0) + r.n;
    total += r.n;
  }
  return { total, byStatus };
}

/**
 * Plans of the caller's organization and their progress, from the read model. A plan is the
 * organization's document (every unit receives it), so every member sees its plans and the counts;
 * the tasks themselves stay behind the task permissions.
 */
@Injectable()
export class PlanQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, q: ListPlansQuery): Promise<PlanPageDto> {
    const organizationId = organizationOf(actor);
    const after = q.cursor ? decodePlanCursor(q.cursor) : undefined;
    const rows = await listPlans(this.dataSource, organizationId, { after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const counts = page.length ? await planRowStatusCounts(this.dataSource, page.map((p) => p.id), vietnamToday(), liveStatusWordSql) : [];
    const last = page[page.length - 1];
    return {
      items: page.map((p) => this.summary(p, progressOf(counts.filter((c) => c.plan_id === p.id)))),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.created_cursor, id: last.id }) : null,
    };
  }

  async detail(actor: Actor, id: string): Promise<PlanDetailDto> {
    const plan = await findPlan(this.dataSource, organizationOf(actor), id);
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', 'Không tìm thấy kế hoạch.', { id });
    // Sections count the plan's rows (a group-led row once, by the row's own status word).
    const bySection = await planSectionStatusCounts(this.dataSource, id, vietnamToday(), liveStatusWordSql);
    // Units count what each unit answers for: the rows it leads alone, and its own task of every
    // group-led row (the row itself has no single owner and is left out).
    const byUnit = await planUnitStatusCounts(this.dataSource, id, vietnamToday(), liveStatusWordSql);
    const rows = bySection.filter((r) => r.status_word);
    const sectionIds = [...new Set(bySection.map((r) => r.id))];
    const unitIds = [...new Set(byUnit.map((r) => r.id))];
    return {
      ...this.summary(plan, progressOf(rows)),
      place: plan.place ?? null,
      signerName: plan.signer_name ?? null,
      signedOnBehalf: plan.signed_on_behalf,
      sections: sectionIds.map((sid) => {
        const of = bySection.filter((r) => r.id === sid);
        return { code: of[0].code, title: of[0].title, ...progressOf(of) };
      }),
      units: unitIds.map((uid) => {
        const of = byUnit.filter((r) => r.id === uid);
        return { unitId: uid, code: of[0].code, name: of[0].name, ...progressOf(of) };
      }),
    };
  }

  private summary(p: PlanSummaryRecord, progress: ProgressDto): PlanSummaryDto {
    return {
      id: p.id,
      title: p.title,
      number: p.number ?? null,
      issuer: p.issuer ?? null,
      issuedOn: p.issued_on ?? null,
      startYear: p.start_year,
      endYear: p.end_year,
      sourceFileName: p.source_file_name ?? null,
      createdAt: new Date(p.created_at).toISOString(),
      progress,
    };
  }
}
