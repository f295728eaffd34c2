import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, DomainError, encodeCursor, isTimeAndId, StatusWord } from '@app/domain';
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

type PlanRow = Record<string, unknown>;

const SELECT_PLAN = `
  SELECT p.id, p.title, p.number, p.issuer, p.place, to_char(p.issued_on, 'YYYY-MM-DD') AS issued_on, p.start_year, p.end_year,
         p.signer_name, p.signed_on_behalf, p.source_file_name, p.created_at,
         to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_cursor
  FROM plans p`;

/**
 * Plans of the caller's organization and their progress, from the read model. A plan is the
 * organization's document (every unit receives it), so every member sees its plans and the counts;
 * the tasks themselves stay behind the task permissions.
 */
@Injectable()
export class PlanQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, q: ListPlansQuery): Promise<PlanPageDto> {
    const params: unknown[] = [organizationOf(actor)];
    const where = ['p.organization_id = $1'];
    if (q.cursor) {
      const c = decodePlanCursor(q.cursor);
      params.push(c.t, c.id);
      // Newest first.
      where.push(`(p.created_at, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(q.limit + 1);
    const rows: PlanRow[] = await this.dataSource.query(
      `${SELECT_PLAN} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, q.limit);
    const counts: Array<{ plan_id: string; status_word: string; n: number }> = page.length
      ? await this.dataSource.query(
          `SELECT t.plan_id, ${liveStatusWordSql('$2')} AS status_word, count(*)::int AS n FROM tasks t
           WHERE t.plan_id = ANY($1::uuid[]) AND t.parent_task_id IS NULL GROUP BY 1, 2`,
          [page.map((p) => p.id), vietnamToday()],
        )
      : [];
    const last = page[page.length - 1];
    return {
      items: page.map((p) => this.summary(p, progressOf(counts.filter((c) => c.plan_id === p.id)))),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.created_cursor as string, id: last.id as string }) : null,
    };
  }

  async detail(actor: Actor, id: string): Promise<PlanDetailDto> {
    const [plan]: PlanRow[] = await this.dataSource.query(`${SELECT_PLAN} WHERE p.id = $1 AND p.organization_id = $2`, [id, organizationOf(actor)]);
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', 'Không tìm thấy kế hoạch.', { id });
    // Sections count the plan's rows (a group-led row once, by the row's own status word).
    const bySection: Array<{ id: string; code: string; title: string; status_word: string | null; n: number }> = await this.dataSource.query(
      `SELECT s.id, s.code, s.title, s.position, ${liveStatusWordSql('$2')} AS status_word, count(t.id)::int AS n
       FROM plan_sections s LEFT JOIN tasks t ON t.section_id = s.id AND t.parent_task_id IS NULL
       WHERE s.plan_id = $1
       GROUP BY s.id, s.code, s.title, s.position, 5
       ORDER BY s.position, 5`,
      [id, vietnamToday()],
    );
    // Units count what each unit answers for: the rows it leads alone, and its own task of every
    // group-led row (the row itself has no single owner and is left out).
    const byUnit: Array<{ id: string; code: string; name: string; status_word: string; n: number }> = await this.dataSource.query(
      `SELECT u.id, u.code, u.name, ${liveStatusWordSql('$2')} AS status_word, count(*)::int AS n
       FROM tasks t JOIN units u ON u.id = t.owner_unit_id
       WHERE t.plan_id = $1
       GROUP BY u.id, u.code, u.name, 4
       ORDER BY u.code, 4`,
      [id, vietnamToday()],
    );
    const rows = bySection.filter((r) => r.status_word);
    const sectionIds = [...new Set(bySection.map((r) => r.id))];
    const unitIds = [...new Set(byUnit.map((r) => r.id))];
    return {
      ...this.summary(plan, progressOf(rows)),
      place: (plan.place as string) ?? null,
      signerName: (plan.signer_name as string) ?? null,
      signedOnBehalf: plan.signed_on_behalf as boolean,
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

  private summary(p: PlanRow, progress: ProgressDto): PlanSummaryDto {
    return {
      id: p.id as string,
      title: p.title as string,
      number: (p.number as string) ?? null,
      issuer: (p.issuer as string) ?? null,
      issuedOn: (p.issued_on as string) ?? null,
      startYear: p.start_year as number,
      endYear: p.end_year as number,
      sourceFileName: (p.source_file_name as string) ?? null,
      createdAt: new Date(p.created_at as string).toISOString(),
      progress,
    };
  }
}
