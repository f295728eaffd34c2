import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { grantScopeRefusal, grantsHeldBy, loadActor } from '@app/persistence';
import { TaskCommands } from '@app/temporal';
import { ACTION_ROUTES } from '@app/workflows/task-lifecycle/actions';
import { CalendarDate, decodeCursor, DomainError, encodeCursor, isIntAndBigintId, STATUS_WORDS } from '@app/domain';
import type { Actor, Instruction, TaskSnapshot } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { accessSql, organizationSql, SqlParams, visibilityOf, visibleTaskSql } from './task-access';
import { actorLabelOf, eventLabelOf, PersonRef, STATE_LABELS } from './task-labels';
import { filterSql, liveStatusWordSql, nextCursorOf, pageSql, summarySelectSql, TaskFilters, TaskSort, toSummary } from './task-search';
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

type Row = Record<string, unknown>;

/** A task the caller may see, as the actions need it. */
export interface AccessibleTask {
  id: string;
  workflowId: string;
  version: number;
  /** A group-led row's parent (workflow groupTask). */
  isGroup: boolean;
}

/** A listing: the caller's visible tasks, the conditions of an inbox, the filters, one keyset page. */
export interface TaskPageRequest {
  /** Conditions of an inbox on `tasks t`, built on the same parameters. */
  where?: (p: SqlParams, today: string) => string[];
  filters: TaskFilters;
  sort: TaskSort;
  limit: number;
  cursor?: string;
  /**
   * `where` holds only for tasks the caller may see (inbox-boxes.ts `boxImpliesAccess`): the access
   * condition is left out, so the plan is driven by the box rather than by every visible task.
   */
  accessImplied?: boolean;
}

/** A statement as the service runs it: SQL and its positional parameters. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

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

function personOf(r: Row, prefix: 'a' | 'b'): PersonRefDto | null {
  const id = r[`${prefix}_id`] as string | null;
  if (!id) return null;
  return {
    id,
    fullName: (r[`${prefix}_name`] as string) ?? '',
    title: (r[`${prefix}_title`] as string) ?? '',
    unitCode: (r[`${prefix}_unit`] as string) ?? null,
  };
}

const EVENT_SELECT = `
  SELECT e.id, e.version, e.type, e.from_state, e.to_state, e.occurred_at, e.payload, e.actor_user_id, e.on_behalf_of_user_id,
         a.id AS a_id, a.full_name AS a_name, a.title AS a_title, au.code AS a_unit,
         b.id AS b_id, b.full_name AS b_name, b.title AS b_title, bu.code AS b_unit
  FROM task_events e
  LEFT JOIN users a ON a.id = e.actor_user_id
  LEFT JOIN units au ON au.id = e.actor_unit_id
  LEFT JOIN users b ON b.id = e.on_behalf_of_user_id
  LEFT JOIN units bu ON bu.id = b.unit_id`;

function toEvent(r: Row): TaskEventDto {
  const actor = personOf(r, 'a');
  const onBehalfOf = personOf(r, 'b');
  return {
    version: r.version as number,
    type: r.type as string,
    label: eventLabelOf(r.type as string),
    fromState: (r.from_state as string) ?? null,
    toState: (r.to_state as string) ?? null,
    actor,
    onBehalfOf,
    actorLabel: actorLabelOf(actor as PersonRef | null, onBehalfOf as PersonRef | null),
    actorUserId: (r.actor_user_id as string) ?? null,
    onBehalfOfUserId: (r.on_behalf_of_user_id as string) ?? null,
    occurredAt: new Date(r.occurred_at as string).toISOString(),
    payload: (r.payload ?? {}) as Record<string, unknown>,
  };
}

interface HistoryCursor {
  v: number;
  id: string;
}

function decodeHistoryCursor(raw: string): HistoryCursor {
  return decodeCursor<HistoryCursor>(raw, (c) => isIntAndBigintId(c.v, c.id));
}

/**
 * Reads tasks from the Postgres read model (never from Temporal visibility, which lags), through
 * one visibility rule (task-access.ts): a task of another organization does not exist for the
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
    const { sql, params } = this.pageStatement(actor, r);
    const rows: Row[] = await this.dataSource.query(sql, params);
    const page = rows.slice(0, r.limit);
    return { items: page.map(toSummary), nextCursor: nextCursorOf(r.sort, page[page.length - 1], rows.length > r.limit) };
  }

  /** The statement {@link page} runs (test/api/inbox-explain.int-spec.ts EXPLAINs exactly this); `today` as of when. */
  pageStatement(actor: Actor, r: TaskPageRequest, today = vietnamToday()): SqlStatement {
    const p = new SqlParams();
    const todayParam = p.add(today);
    const access = r.accessImplied ? organizationSql(visibilityOf(actor), p) : visibleTaskSql(visibilityOf(actor), p);
    const where = [access, ...(r.where?.(p, todayParam) ?? []), ...filterSql(r.filters, p, todayParam)];
    const { where: after, orderBy } = pageSql(r.sort, r.cursor, p);
    const limit = p.add(r.limit + 1);
    return { sql: `${summarySelectSql(todayParam)} WHERE ${[...where, ...after].join(' AND ')} ORDER BY ${orderBy} LIMIT ${limit}`, params: p.values };
  }

  /** Summaries of the given tasks that the caller may see (the others are left out). */
  async summaries(actor: Actor, ids: string[]): Promise<Map<string, TaskSummaryDto>> {
    if (!ids.length) return new Map();
    const p = new SqlParams();
    const today = p.add(vietnamToday());
    const rows: Row[] = await this.dataSource.query(
      `${summarySelectSql(today)} WHERE ${visibleTaskSql(visibilityOf(actor), p)} AND t.id = ANY(${p.add([...new Set(ids)])}::uuid[])`,
      p.values,
    );
    return new Map(rows.map((r) => [r.id as string, toSummary(r)]));
  }

  /** How many tasks an inbox holds (the same conditions as {@link page}, no filters). */
  async count(actor: Actor, where: (p: SqlParams, today: string) => string[], accessImplied = false): Promise<number> {
    const { sql, params } = this.countStatement(actor, where, vietnamToday(), accessImplied);
    const [{ count }] = await this.dataSource.query(sql, params);
    return count;
  }

  /** The statement {@link count} runs. */
  countStatement(actor: Actor, where: (p: SqlParams, today: string) => string[], today = vietnamToday(), accessImplied = false): SqlStatement {
    const p = new SqlParams();
    const todayParam = p.add(today);
    const access = accessImplied ? organizationSql(visibilityOf(actor), p) : visibleTaskSql(visibilityOf(actor), p);
    return {
      // "as of" names the type of today's parameter for the boxes that do not compare with it.
      sql: `SELECT count(*)::int AS count, ${todayParam}::date AS as_of FROM tasks t
       WHERE ${[access, ...where(p, todayParam)].join(' AND ')}`,
      params: p.values,
    };
  }

  /**
   * The task if the caller may see it: 404 TASK_NOT_FOUND for a missing task or one of another
   * organization, 403 TASK_ACCESS_DENIED for one of theirs that is not theirs to see.
   */
  async accessible(actor: Actor, id: string): Promise<AccessibleTask> {
    const v = visibilityOf(actor);
    const p = new SqlParams();
    const [row]: Row[] = await this.dataSource.query(
      `SELECT t.id, t.workflow_id, t.version,
              (t.owner_unit_id IS NULL AND EXISTS (SELECT 1 FROM tasks c WHERE c.parent_task_id = t.id)) AS is_group,
              ${accessSql(v, p)} AS visible
       FROM tasks t WHERE t.id = ${p.add(id)}::uuid AND ${organizationSql(v, p)}`,
      p.values,
    );
    if (!row) throw taskNotFound(id);
    if (!row.visible) throw taskAccessDenied(id);
    return { id: row.id as string, workflowId: row.workflow_id as string, version: row.version as number, isGroup: row.is_group === true };
  }

  async detail(actor: Actor, id: string): Promise<TaskDetailDto> {
    const p = new SqlParams();
    const today = p.add(vietnamToday());
    // The access check and the row are read at once (one round trip less); the row is used only
    // once the check has passed.
    const [, [row]]: [AccessibleTask, Row[]] = await Promise.all([
      this.accessible(actor, id),
      this.dataSource.query(
      `${summarySelectSql(today, {
        columns: `t.lead_raw, t.coordinating_raw, t.timeline_raw, t.note, t.detail, t.current_milestone, pl.title AS plan_title,
                  t.assignee_user_id, (SELECT json_build_object('id', au.id, 'fullName', au.full_name, 'username', au.username, 'title', coalesce(au.title, ''))
                                       FROM users au WHERE au.id = t.assignee_user_id) AS assignee,
                  s.title AS section_title,
                  ARRAY(SELECT pu.code FROM units pu WHERE pu.id = ANY(t.pending_review_unit_ids) ORDER BY pu.code) AS pending_review_codes`,
        joins: 'LEFT JOIN plans pl ON pl.id = t.plan_id',
      })}
       WHERE t.id = ${p.add(id)}::uuid`,
        p.values,
      ) as Promise<Row[]>,
    ]);
    if (!row) throw taskNotFound(id);
    // The workflow's snapshot as the read model stored it (a task of an older workflow may lack parts).
    const snapshot = (row.detail ?? {}) as Partial<TaskSnapshot> & { children?: unknown };
    const [units, milestones, children, comments, history, availableActions, instruction] = await Promise.all([
      this.units(id, row.owner_unit_id as string | null),
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
      leadRaw: (row.lead_raw as string) ?? '',
      coordinatingRaw: (row.coordinating_raw as string) ?? '',
      timelineRaw: (row.timeline_raw as string) ?? '',
      note: (row.note as string) ?? '',
      planTitle: (row.plan_title as string) ?? null,
      sectionTitle: (row.section_title as string) ?? null,
      units,
      pendingReviewUnitCodes: (row.pending_review_codes as string[]) ?? [],
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
  private async availableActions(actor: Actor, row: Row): Promise<AvailableActionDto[]> {
    if (!this.commands || row.state === 'COMPLETED' || row.state === 'CANCELLED' || !row.workflow_id) return [];
    try {
      const workflowId = row.workflow_id as string;
      const own = await this.commands.availableActions(workflowId, actor);
      const out: AvailableActionDto[] = own.map((a) => ({ action: a.action, route: ACTION_ROUTES[a.action] ?? a.action, label: a.label, needs: [...a.needs] }));
      // A deputy who may sign "KT." for the director also gets what the director could do, marked
      // with whom to sign for (the dialog's "Ký với tư cách").
      // Only grants in force today, and only the actions and units each grant covers (the same
      // rule as the action's own check, grantScopeRefusal): a button is never offered for a refusal.
      if (!actor.onBehalfOfUserId && actor.roles.includes('deputyDirector')) {
        for (const g of (await grantsHeldBy(this.dataSource, actor.userId)).filter((x) => x.inForce)) {
          const asPrincipal = await loadActor(this.dataSource, { userId: actor.userId }, { userId: g.principal.userId });
          for (const a of await this.commands.availableActions(workflowId, asPrincipal)) {
            if (grantScopeRefusal(g, a.action, (row.owner_unit_id as string | null) ?? null)) continue;
            const known = out.find((x) => x.action === a.action);
            if (known) {
              if (known.onBehalfOf) known.onBehalfOf.push(g.principal.username);
            } else {
              out.push({ action: a.action, route: ACTION_ROUTES[a.action] ?? a.action, label: a.label, needs: [...a.needs], onBehalfOf: [g.principal.username] });
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
    const people: Row[] = await this.dataSource.query(
      `SELECT u.id, u.full_name, u.title, un.code AS unit_code FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    const ref = (id: string | null) => {
      const r = people.find((x) => x.id === id);
      return r ? { id: r.id as string, fullName: r.full_name as string, title: (r.title as string) ?? '', unitCode: (r.unit_code as string) ?? null } : null;
    };
    return { kind: i.kind, by: ref(i.byUserId), onBehalfOf: ref(i.onBehalfOfUserId), signedAs: i.signedAs, at: i.at, text: i.text };
  }

  async history(actor: Actor, id: string, q: TaskHistoryQuery): Promise<TaskHistoryPageDto> {
    await this.accessible(actor, id);
    return this.historyPage(id, q);
  }

  /** The audit trail, newest first, keyset-paginated on (version, id). */
  private async historyPage(taskId: string, q: { limit: number; cursor?: string }): Promise<TaskHistoryPageDto> {
    const p = new SqlParams();
    const where = [`e.task_id = ${p.add(taskId)}::uuid`];
    if (q.cursor) {
      const c = decodeHistoryCursor(q.cursor);
      where.push(`(e.version, e.id) < (${p.add(c.v)}::int, ${p.add(c.id)}::bigint)`);
    }
    const rows: Row[] = await this.dataSource.query(
      `${EVENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.version DESC, e.id DESC LIMIT ${p.add(q.limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toEvent),
      nextCursor:
        rows.length > q.limit && last ? encodeCursor({ v: last.version, id: String(last.id) }) : null,
    };
  }

  private async units(taskId: string, ownerUnitId: string | null): Promise<TaskDetailDto['units']> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT u.id, u.code, u.name, tu.role, tu.via_group FROM task_units tu JOIN units u ON u.id = tu.unit_id
       WHERE tu.task_id = $1 ORDER BY tu.role DESC, u.code`,
      [taskId],
    );
    const units: TaskDetailDto['units'] = rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      role: r.role as string,
      viaGroup: (r.via_group as string) ?? null,
    }));
    // An ad-hoc task names its lead unit on the row only.
    if (ownerUnitId && !units.some((u) => u.role === 'lead' && u.id === ownerUnitId)) {
      const [owner]: Row[] = await this.dataSource.query(`SELECT id, code, name FROM units WHERE id = $1`, [ownerUnitId]);
      if (owner) units.unshift({ id: owner.id as string, code: owner.code as string, name: owner.name as string, role: 'lead', viaGroup: null });
    }
    return units;
  }

  private async milestones(taskId: string): Promise<Array<Omit<MilestoneDto, 'current'>>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT position, label, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, state, completed_at FROM milestones WHERE task_id = $1 ORDER BY position`,
      [taskId],
    );
    return rows.map((r) => ({
      position: r.position as number,
      label: r.label as string,
      kind: r.kind as string,
      dueOn: (r.due_on as string) ?? null,
      state: r.state as string,
      completedOn: r.completed_at ? CalendarDate.fromInstant(new Date(r.completed_at as string)) : null,
    }));
  }

  private async children(taskId: string): Promise<GroupChildDto[]> {
    const p = new SqlParams();
    const today = p.add(vietnamToday());
    const rows: Row[] = await this.dataSource.query(
      `SELECT c.id, u.code AS unit_code, c.state, ${liveStatusWordSql(today, 'c')} AS status_word,
              to_char(coalesce(c.extended_due_on, c.due_on), 'YYYY-MM-DD') AS effective_due_on, to_char(c.completed_on, 'YYYY-MM-DD') AS completed_on
       FROM tasks c LEFT JOIN units u ON u.id = c.owner_unit_id WHERE c.parent_task_id = ${p.add(taskId)}::uuid ORDER BY u.code`,
      p.values,
    );
    return rows.map((r) => ({
      id: r.id as string,
      unitCode: (r.unit_code as string) ?? '',
      state: r.state as string,
      statusWord: r.status_word as string,
      statusLabel: (STATUS_WORDS as Record<string, string>)[r.status_word as string] ?? (r.status_word as string),
      effectiveDueOn: (r.effective_due_on as string) ?? null,
      completedOn: (r.completed_on as string) ?? null,
    }));
  }

  /** The discussion of the task (COMMENTED events), oldest first; the latest 500. */
  private async comments(taskId: string): Promise<TaskCommentDto[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM (${EVENT_SELECT} WHERE e.task_id = $1 AND e.type = 'COMMENTED' ORDER BY e.version DESC LIMIT 500) c ORDER BY c.version`,
      [taskId],
    );
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
