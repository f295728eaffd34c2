import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  findAccessibleTask,
  findGroupChildren,
  findPersonRefs,
  findTaskComments,
  findTaskDetailRow,
  findTaskHistoryPage,
  findTaskMilestones,
  findTaskPage,
  findTaskSummaries,
  findTaskUnits,
  findUnitRef,
  grantScopeRefusal,
  grantsHeldBy,
  loadActor,
  TaskDetailRow,
  TaskEventRow,
  TaskPageRequest,
  taskPageStatement,
  SqlStatement,
  visibilityOf,
} from '@app/persistence';
import { TaskCommands } from '@app/temporal';
import { ACTION_ROUTES, ACTIONS } from '@app/workflows/task-lifecycle/actions';
import { Fields, formOf } from '@app/workflows/task-lifecycle/actions/fields';
import { CalendarDate, DomainError, STATUS_WORDS } from '@app/domain';
import type { Actor, Instruction, TaskAction, TaskSnapshot } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { actorLabelOf, eventLabelOf, PersonRef, STATE_LABELS } from './task-labels';
import { toSummary } from './task-search';
import {
  AssigneeDto,
  AvailableActionDto,
  GroupChildDto,
  InstructionDto,
  ListTasksQuery,
  MilestoneDto,
  PersonRefDto,
  TaskCommentDto,
  TaskDetailDto,
  TaskEventDto,
  TaskHistoryPageDto,
  TaskHistoryQuery,
  TaskPageDto,
  TaskSummaryDto,
} from './task.dto';

/** A task the caller may see, as the actions need it. */
export interface AccessibleTask {
  id: string;
  workflowId: string;
  version: number;
  /** A group-led row's parent (workflow groupTask). */
  isGroup: boolean;
}

/** A listing (the caller's visible tasks, an inbox's conditions, filters, one keyset page) and a statement: see libs/persistence. */
export type { SqlStatement, TaskPageRequest };

/** Today in Asia/Ho_Chi_Minh: what "overdue" is judged by. */
export function vietnamToday(): string {
  return CalendarDate.fromInstant(Date.now());
}

export function taskNotFound(id: string): DomainError {
  return new DomainError('TASK_NOT_FOUND', 'Không tìm thấy nhiệm vụ.', { id });
}

export function taskAccessDenied(id: string): DomainError {
  return new DomainError('TASK_ACCESS_DENIED', 'Bạn không có quyền xem nhiệm vụ này: nhiệm vụ không thuộc đơn vị hoặc lĩnh vực bạn phụ trách.', { id });
}

function personOf(r: TaskEventRow, prefix: 'a' | 'b'): PersonRefDto | null {
  const id = r[`${prefix}_id`];
  if (!id) return null;
  return {
    id,
    fullName: r[`${prefix}_name`] ?? '',
    title: r[`${prefix}_title`] ?? '',
    unitCode: r[`${prefix}_unit`] ?? null,
  };
}

function toEvent(r: TaskEventRow): TaskEventDto {
  const actor = personOf(r, 'a');
  const onBehalfOf = personOf(r, 'b');
  return {
    version: r.version,
    type: r.type,
    label: eventLabelOf(r.type),
    fromState: r.from_state ?? null,
    toState: r.to_state ?? null,
    actor,
    onBehalfOf,
    actorLabel: actorLabelOf(actor as PersonRef | null, onBehalfOf as PersonRef | null),
    actorUserId: r.actor_user_id ?? null,
    onBehalfOfUserId: r.on_behalf_of_user_id ?? null,
    occurredAt: new Date(r.occurred_at).toISOString(),
    payload: r.payload ?? {},
  };
}

/**
 * Reads tasks from the Postgres read model (never from Temporal visibility, which lags), through
 * one visibility rule (libs/persistence task-access.repository.ts; the statements are its
 * repositories'): a task of another organization does not exist for the
 * caller (404, so its existence is not revealed either); one of their own that their unit or
 * portfolio does not touch is refused (403 TASK_ACCESS_DENIED).
 */
@Injectable()
export class TaskQueryService {
  private readonly logger = new Logger(TaskQueryService.name);

  constructor(
    private readonly dataSource: DataSource,
    /** Absent where only the SQL is used (benches, EXPLAIN tests): then no actions are listed. */
    @Optional() private readonly commands?: TaskCommands,
  ) {}

  list(actor: Actor, q: ListTasksQuery): Promise<TaskPageDto> {
    return this.page(actor, { filters: q, sort: q.sort ?? 'created', limit: q.limit, cursor: q.cursor });
  }

  async page(actor: Actor, r: TaskPageRequest): Promise<TaskPageDto> {
    const { rows, nextCursor } = await findTaskPage(this.dataSource, visibilityOf(actor), r, vietnamToday());
    return { items: rows.map(toSummary), nextCursor };
  }

  /** The statement {@link page} runs (test/api/inbox-explain.int-spec.ts EXPLAINs exactly this); `today` as of when. */
  pageStatement(actor: Actor, r: TaskPageRequest, today = vietnamToday()): SqlStatement {
    return taskPageStatement(visibilityOf(actor), r, today);
  }

  /** Summaries of the given tasks that the caller may see (the others are left out). */
  async summaries(actor: Actor, ids: string[]): Promise<Map<string, TaskSummaryDto>> {
    if (!ids.length) return new Map();
    const rows = await findTaskSummaries(this.dataSource, visibilityOf(actor), ids, vietnamToday());
    return new Map(rows.map((r) => [r.id, toSummary(r)]));
  }

  /**
   * The task if the caller may see it: 404 TASK_NOT_FOUND for a missing task or one of another
   * organization, 403 TASK_ACCESS_DENIED for one of theirs that is not theirs to see.
   */
  async accessible(actor: Actor, id: string): Promise<AccessibleTask> {
    const row = await findAccessibleTask(this.dataSource, visibilityOf(actor), id);
    if (!row) throw taskNotFound(id);
    if (!row.visible) throw taskAccessDenied(id);
    return { id: row.id, workflowId: row.workflowId, version: row.version, isGroup: row.isGroup };
  }

  async detail(actor: Actor, id: string): Promise<TaskDetailDto> {
    // The access check and the row are read at once (one round trip less); the row is used only
    // once the check has passed.
    const [, row] = await Promise.all([this.accessible(actor, id), findTaskDetailRow(this.dataSource, id, vietnamToday())]);
    if (!row) throw taskNotFound(id);
    // The workflow's snapshot as the read model stored it (a task of an older workflow may lack parts).
    const snapshot = (row.detail ?? {}) as Partial<TaskSnapshot> & { children?: unknown };
    const [units, milestones, children, comments, history, availableActions, instruction] = await Promise.all([
      this.units(id, row.owner_unit_id),
      this.milestones(id),
      this.children(id),
      this.comments(id),
      this.historyPage(id, { limit: 50 }),
      this.availableActions(actor, row),
      this.instructionOf(snapshot.instruction ?? null),
    ]);
    const current = Number(row.current_milestone ?? 0);
    const milestoneList: MilestoneDto[] = snapshot.milestones?.length
      ? snapshot.milestones.map((m) => ({ ...m, completedOn: m.completedOn ?? null, current: m.position === current }))
      : milestones.map((m) => ({ ...m, current: m.position === current }));
    const summary = toSummary(row);
    const { children: _children, ...workflow } = snapshot;
    return {
      ...summary,
      leadRaw: row.lead_raw ?? '',
      coordinatingRaw: row.coordinating_raw ?? '',
      timelineRaw: row.timeline_raw ?? '',
      note: row.note ?? '',
      planTitle: row.plan_title ?? null,
      sectionTitle: row.section_title ?? null,
      units,
      pendingReviewUnitCodes: row.pending_review_codes ?? [],
      currentStep: {
        state: summary.state,
        label: STATE_LABELS[summary.state] ?? summary.state,
        milestone: milestoneList.find((m) => m.current) ?? null,
      },
      milestones: milestoneList,
      workflow,
      children,
      comments,
      history: history.items,
      historyNextCursor: history.nextCursor,
      availableActions,
      instruction,
      assignee: (row.assignee as AssigneeDto | null) ?? null,
    };
  }

  /**
   * The buttons of the task page: what the workflow's registry checks allow the caller now (a
   * query, no history). A closed task has none; so has a task whose workflow cannot answer (an old
   * execution without the query, Temporal unreachable): the page then offers nothing it would refuse.
   */
  private async availableActions(actor: Actor, row: TaskDetailRow): Promise<AvailableActionDto[]> {
    if (!this.commands || row.state === 'COMPLETED' || row.state === 'CANCELLED' || !row.workflow_id) return [];
    try {
      const workflowId = row.workflow_id;
      const own = await this.commands.availableActions(workflowId, actor);
      const out: AvailableActionDto[] = own.map((a) => ({ ...buttonOf(a) }));
      // A deputy who may sign "KT." for the director also gets what the director could do, marked
      // with whom to sign for (the dialog's "Ký với tư cách").
      // Only grants in force today, and only the actions and units each grant covers (the same
      // rule as the action's own check, grantScopeRefusal): a button is never offered for a refusal.
      if (!actor.onBehalfOfUserId && actor.roles.includes('deputyDirector')) {
        for (const g of (await grantsHeldBy(this.dataSource, actor.userId)).filter((x) => x.inForce)) {
          const asPrincipal = await loadActor(this.dataSource, { userId: actor.userId }, { userId: g.principal.userId });
          for (const a of await this.commands.availableActions(workflowId, asPrincipal)) {
            if (grantScopeRefusal(g, a.action, row.owner_unit_id ?? null)) continue;
            const known = out.find((x) => x.action === a.action);
            if (known) {
              if (known.onBehalfOf) known.onBehalfOf.push(g.principal.username);
            } else {
              out.push({ ...buttonOf(a), onBehalfOf: [g.principal.username] });
            }
          }
        }
      }
      return out;
    } catch (err) {
      this.logger.warn({ err, workflowId: row.workflow_id }, 'availableActions: the workflow did not answer');
      return [];
    }
  }

  /** The latest instruction of a returned task, with the people named. */
  private async instructionOf(i: Instruction | null): Promise<InstructionDto | null> {
    if (!i) return null;
    const ids = [i.byUserId, i.onBehalfOfUserId].filter((x): x is string => !!x);
    const people = await findPersonRefs(this.dataSource, ids);
    const ref = (id: string | null) => {
      const r = people.find((x) => x.id === id);
      return r ? { id: r.id, fullName: r.full_name, title: r.title ?? '', unitCode: r.unit_code ?? null } : null;
    };
    return { kind: i.kind, by: ref(i.byUserId), onBehalfOf: ref(i.onBehalfOfUserId), signedAs: i.signedAs, at: i.at, text: i.text };
  }

  async history(actor: Actor, id: string, q: TaskHistoryQuery): Promise<TaskHistoryPageDto> {
    await this.accessible(actor, id);
    return this.historyPage(id, q);
  }

  /** The audit trail, newest first, keyset-paginated on (version, id). */
  private async historyPage(taskId: string, q: { limit: number; cursor?: string }): Promise<TaskHistoryPageDto> {
    const { rows, nextCursor } = await findTaskHistoryPage(this.dataSource, taskId, q);
    return { items: rows.map(toEvent), nextCursor };
  }

  private async units(taskId: string, ownerUnitId: string | null): Promise<TaskDetailDto['units']> {
    const rows = await findTaskUnits(this.dataSource, taskId);
    const units: TaskDetailDto['units'] = rows.map((r) => ({ id: r.id, code: r.code, name: r.name, role: r.role, viaGroup: r.via_group ?? null }));
    // An ad-hoc task names its lead unit on the row only.
    if (ownerUnitId && !units.some((u) => u.role === 'lead' && u.id === ownerUnitId)) {
      const owner = await findUnitRef(this.dataSource, ownerUnitId);
      if (owner) units.unshift({ id: owner.id, code: owner.code, name: owner.name, role: 'lead', viaGroup: null });
    }
    return units;
  }

  private async milestones(taskId: string): Promise<Array<Omit<MilestoneDto, 'current'>>> {
    const rows = await findTaskMilestones(this.dataSource, taskId);
    return rows.map((r) => ({
      position: r.position,
      label: r.label,
      kind: r.kind,
      dueOn: r.due_on ?? null,
      state: r.state,
      completedOn: r.completed_at ? CalendarDate.fromInstant(new Date(r.completed_at)) : null,
    }));
  }

  private async children(taskId: string): Promise<GroupChildDto[]> {
    const rows = await findGroupChildren(this.dataSource, taskId, vietnamToday());
    return rows.map((r) => ({
      id: r.id,
      unitCode: r.unit_code ?? '',
      state: r.state,
      statusWord: r.status_word,
      statusLabel: (STATUS_WORDS as Record<string, string>)[r.status_word] ?? r.status_word,
      effectiveDueOn: r.effective_due_on ?? null,
      completedOn: r.completed_on ?? null,
    }));
  }

  /** The discussion of the task (COMMENTED events), oldest first; the latest 500. */
  private async comments(taskId: string): Promise<TaskCommentDto[]> {
    const rows = await findTaskComments(this.dataSource, taskId);
    return rows.map((r) => {
      const e = toEvent(r);
      return {
        version: e.version,
        author: e.actor,
        onBehalfOf: e.onBehalfOf,
        authorLabel: e.actorLabel,
        text: typeof e.payload.text === 'string' ? e.payload.text : '',
        at: e.occurredAt,
      };
    });
  }
}

/**
 * A step the workflow allows, as the task page shows it: route, label and fields from the action
 * registry; `form` when its fields are plain controls (a step without a form of its own in the web
 * gets this one), null when it has its own endpoint or needs units, people or files.
 */
function buttonOf(a: { action: TaskAction; label: string; needs: readonly string[] }): AvailableActionDto {
  const mod = ACTIONS[a.action] as { fields: Fields; endpoint?: string } | undefined;
  return {
    action: a.action,
    route: ACTION_ROUTES[a.action] ?? a.action,
    label: a.label,
    needs: [...a.needs],
    form: mod && !mod.endpoint ? formOf(mod.fields) : null,
  };
}
