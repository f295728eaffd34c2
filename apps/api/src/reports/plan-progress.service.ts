import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDate, DomainError, type StatusWord } from '@app/domain';
import { effectiveRoles, findPlanProgressTasks, findPlanReportHeader, findPlanSections, visibilityOf } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { organizationOf } from '../common/actor-organization';
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
    const plan = await findPlanReportHeader(this.dataSource, organizationId, planId);
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', 'Không tìm thấy kế hoạch.', { id: planId });
    const asOf = CalendarDate.fromInstant(Date.now());
    const sections = await findPlanSections(this.dataSource, planId);
    const tasks = await findPlanProgressTasks(this.dataSource, visibilityOf(actor), planId, asOf);
    return buildPlanProgress({
      organization: { code: plan.organization_code, name: plan.organization_name },
      plan: {
        id: plan.id,
        title: plan.title,
        number: plan.number ?? null,
        issuer: plan.issuer ?? null,
        place: plan.place ?? null,
        issuedOn: plan.issued_on ?? null,
        startYear: plan.start_year,
        endYear: plan.end_year,
      },
      sections,
      asOf,
      tasks: tasks.map(
        (r): PlanTaskFacts => ({
          taskId: r.id,
          parentTaskId: r.parent_task_id ?? null,
          rowKey: r.row_key ?? null,
          sectionId: r.section_id ?? null,
          title: r.title,
          leadRaw: r.lead_raw,
          coordinatingRaw: r.coordinating_raw,
          timelineRaw: r.timeline_raw,
          note: r.note,
          extra: r.extra ?? {},
          unitCode: r.unit_code ?? null,
          unitName: r.unit_name ?? null,
          state: r.state,
          statusWord: r.status_word as StatusWord,
          dueOn: r.due_on ?? null,
          extendedDueOn: r.extended_due_on ?? null,
          workingDueOn: r.working_due_on ?? null,
          completedOn: r.completed_on ?? null,
          progressPercent: Number(r.progress_percent ?? 0),
          pendingReviewCount: Number(r.pending_review_count ?? 0),
          detail: (r.detail as PlanTaskFacts['detail']) ?? {},
          visible: r.visible === true,
        }),
      ),
    });
  }
}
