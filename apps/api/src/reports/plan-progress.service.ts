import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDate, DomainError, type StatusWord } from '@app/domain';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { organizationOf } from '../common/actor-organization';
import { accessSql, effectiveRoles, SqlParams, visibilityOf } from '../tasks/task-access';
import { liveStatusWordSql, workingDueSql } from '../tasks/task-search';
import type { PlanProgressReportDto } from './plan-progress.dto';
import { buildPlanProgress, type PlanTaskFacts } from './plan-progress.layout';

/**
 * Who exports a plan's progress task by task: the office that tracks the plan (monitor) and
 * leadership (director, deputies, a deputy signing "KT."). Everybody else of the organization has
 * the counts (GET /plans/:id) and their own tasks (GET /tasks?planId=); the administrator makes no
 * task decisions and sees no task. A deputy gets every row's state, dates and status word (the
 * plan's progress), but the draft, reports and blockers only of the tasks they may see.
 */
const READERS = ['monitor', 'director', 'deputyDirector'];

@Injectable()
export class PlanProgressService {
  constructor(private readonly dataSource: DataSource) {}

  async report(actor: Actor, planId: string): Promise<PlanProgressReportDto> {
    if (!effectiveRoles(actor).some((r) => READERS.includes(r))) {
      throw new DomainError(
        'FORBIDDEN',
        'Chỉ bộ phận theo dõi kế hoạch và lãnh đạo Sở được xuất báo cáo tiến độ từng nhiệm vụ; số liệu tổng hợp xem tại trang kế hoạch.',
      );
    }
    const organizationId = organizationOf(actor);
    const [plan]: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT p.id, p.title, p.number, p.issuer, p.place, to_char(p.issued_on, 'YYYY-MM-DD') AS issued_on, p.start_year, p.end_year,
              o.code AS organization_code, o.name AS organization_name
       FROM plans p JOIN organizations o ON o.id = p.organization_id
       WHERE p.id = $1 AND p.organization_id = $2`,
      [planId, organizationId],
    );
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', 'Không tìm thấy kế hoạch.', { id: planId });
    const asOf = CalendarDate.fromInstant(Date.now());
    const sections: Array<{ id: string; code: string; title: string; position: number }> = await this.dataSource.query(
      `SELECT id, code, title, position FROM plan_sections WHERE plan_id = $1 ORDER BY position`,
      [planId],
    );
    const p = new SqlParams();
    const plan$ = p.add(planId);
    const org$ = p.add(organizationId);
    const today$ = p.add(asOf);
    const visible = accessSql(visibilityOf(actor), p);
    const tasks: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT t.id, t.parent_task_id, t.row_key, t.section_id, t.title, t.lead_raw, t.coordinating_raw, t.timeline_raw, t.note, t.extra,
              u.code AS unit_code, u.name AS unit_name, t.state, ${liveStatusWordSql(today$)} AS status_word,
              to_char(t.due_on, 'YYYY-MM-DD') AS due_on, to_char(t.extended_due_on, 'YYYY-MM-DD') AS extended_due_on,
              to_char(${workingDueSql()}, 'YYYY-MM-DD') AS working_due_on,
              to_char(t.completed_on, 'YYYY-MM-DD') AS completed_on, t.progress_percent,
              cardinality(t.pending_review_unit_ids) AS pending_review_count,
              jsonb_build_object('draft', t.detail->'draft', 'milestones', t.detail->'milestones', 'rounds', t.detail->'rounds',
                                 'trigger', t.detail->'trigger', 'extensions', t.detail->'extensions', 'blockers', t.detail->'blockers') AS detail,
              (${visible}) AS visible
       FROM tasks t LEFT JOIN units u ON u.id = t.owner_unit_id
       WHERE t.plan_id = ${plan$}::uuid AND t.organization_id = ${org$}::uuid`,
      p.values,
    );
    return buildPlanProgress({
      organization: { code: plan.organization_code as string, name: plan.organization_name as string },
      plan: {
        id: plan.id as string,
        title: plan.title as string,
        number: (plan.number as string) ?? null,
        issuer: (plan.issuer as string) ?? null,
        place: (plan.place as string) ?? null,
        issuedOn: (plan.issued_on as string) ?? null,
        startYear: plan.start_year as number,
        endYear: plan.end_year as number,
      },
      sections,
      asOf,
      tasks: tasks.map(
        (r): PlanTaskFacts => ({
          taskId: r.id as string,
          parentTaskId: (r.parent_task_id as string) ?? null,
          rowKey: (r.row_key as string) ?? null,
          sectionId: (r.section_id as string) ?? null,
          title: r.title as string,
          leadRaw: r.lead_raw as string,
          coordinatingRaw: r.coordinating_raw as string,
          timelineRaw: r.timeline_raw as string,
          note: r.note as string,
          extra: (r.extra as Record<string, string>) ?? {},
          unitCode: (r.unit_code as string) ?? null,
          unitName: (r.unit_name as string) ?? null,
          state: r.state as string,
          statusWord: r.status_word as StatusWord,
          dueOn: (r.due_on as string) ?? null,
          extendedDueOn: (r.extended_due_on as string) ?? null,
          workingDueOn: (r.working_due_on as string) ?? null,
          completedOn: (r.completed_on as string) ?? null,
          progressPercent: Number(r.progress_percent ?? 0),
          pendingReviewCount: Number(r.pending_review_count ?? 0),
          detail: (r.detail as PlanTaskFacts['detail']) ?? {},
          visible: r.visible === true,
        }),
      ),
    });
  }
}
