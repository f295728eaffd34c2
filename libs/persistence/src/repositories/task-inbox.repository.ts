import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { SqlParams, SqlStatement } from './sql-params';
import { accessProbeSql, effectiveRoles, STAFF_ROLES, visibilityOf } from './task-access.repository';
import { countTasks, findTaskPage, taskCountStatement, TaskPageRequest, taskPageStatement, TaskSummaryPage } from './task-query.repository';
import { ACTIVE_STATES, overdueSql, TaskFilters, TaskSort } from './task-search.sql';

type Db = DataSource | EntityManager;

/**
 * The boxes of a person's inbox (issue 6; WORKFLOW.md "a task must never sit silently in anybody's
 * inbox"). Each task box is a condition on `tasks t`, always on top of what the person may see
 * (task-access.repository.ts), so a box never shows a task its detail would refuse:
 *
 *  - draft:     my unit leads it and it is being drafted (DRAFTING);
 *  - review:    my unit's review opinion is awaited (tasks.pending_review_unit_ids, GIN);
 *  - approve:   it awaits approval and I decide it (tasks.deciding_user_ids: the director every one,
 *               a deputy those whose lead unit is in the portfolio; a deputy signing "KT." the director's);
 *  - extensions: the lead unit asked for an extension that waits for my decision (the snapshot's
 *               `extensions.pending`, in `tasks.detail`; partial index ix_tasks_extension_pending),
 *               decided by the same leaders as the approve box (tasks.deciding_user_ids);
 *  - escalated: the ladder escalated it to me (my notifications ESCALATED_TO_DEPUTY/DIRECTOR,
 *               REVIEW_ESCALATED(_TO_DIRECTOR), APPROVAL_ESCALATED; under "KT." the director's too)
 *               and the escalated situation still holds: the same deadline still in force, the same
 *               review round still open, the same approval wait not over;
 *  - overdue:   open and past its deadline in force (the live status word OPEN_OVERDUE);
 *  - waiting:   waiting for its starting event (PENDING_TRIGGER), which the monitor records;
 *  - mine:      việc của tôi, what waits for my own hand (the board's tab and the menu's badge, one
 *               definition): the open tasks given to me by name (`assign`, tasks.assignee_user_id); the
 *               drafts of my unit, except those given to another officer (the head: all of them, the
 *               unit stays responsible); for the head also the drafts that wait for my unit's opinion;
 *  - notifications: my in-app notifications (not a task box; see NotificationService).
 */
export const INBOX_BOXES = ['draft', 'review', 'approve', 'extensions', 'escalated', 'overdue', 'waiting', 'mine', 'notifications'] as const;
export type InboxBox = (typeof INBOX_BOXES)[number];
export type TaskBox = Exclude<InboxBox, 'notifications'>;
export const TASK_BOXES: readonly TaskBox[] = ['draft', 'review', 'approve', 'extensions', 'escalated', 'overdue', 'waiting', 'mine'];

const ACTIVE_SQL = `(${ACTIVE_STATES.map((s) => `'${s}'`).join(',')})`;

/** Escalations whose notification puts a task in the escalated box. */
export const ESCALATION_TYPES = ['ESCALATED_TO_DEPUTY', 'ESCALATED_TO_DIRECTOR', 'REVIEW_ESCALATED', 'REVIEW_ESCALATED_TO_DIRECTOR', 'APPROVAL_ESCALATED'];

/**
 * An extension request waits for leadership's decision. The workflow clears `pending` when it is
 * decided and when the task closes, so the snapshot alone says it; written exactly as the partial
 * index ix_tasks_extension_pending (migration InboxExtensionIndex) is, so the planner uses it.
 */
export function extensionPendingSql(t = 't'): string {
  return `(${t}.detail #>> '{extensions,pending}') IS NOT NULL`;
}

/**
 * The tasks this person decides: the read model stores who decides each one (`tasks.deciding_user_ids`,
 * written by the worker from the action registry's DECIDERS: the director(s) and the deputies in
 * charge of the lead unit); a deputy signing "KT." decides what the director decides.
 */
function decidesSql(actor: Actor, p: SqlParams): string {
  const people = [actor.userId, ...(actor.onBehalfOfUserId ? [actor.onBehalfOfUserId] : [])];
  return `t.deciding_user_ids && ${p.add(people)}::uuid[]`;
}

/**
 * The box's conditions already limit it to tasks the actor may see, so the statement leaves out
 * the access condition (for a deputy a semi-join on every task of the portfolio, 40,000 of 100,000,
 * which the planner would drive the small box through): approve and extensions list the tasks a
 * leader decides, the director's all (he sees all), a deputy's those led by a portfolio unit
 * (task-access.repository.ts lets a deputy see every task a portfolio unit leads); escalated checks the access
 * rule itself on the person's escalated tasks (accessProbeSql).
 */
export function boxImpliesAccess(box: TaskBox, actor: Actor): boolean {
  if (box === 'escalated') return true;
  if (box !== 'approve' && box !== 'extensions') return false;
  const roles = effectiveRoles(actor);
  return roles.includes('director') || roles.includes('monitor') || roles.includes('deputyDirector');
}

/** The unit whose staff the actor is, if any. */
function staffUnitOf(actor: Actor): string | null {
  return actor.unitId && actor.roles.some((r) => STAFF_ROLES.includes(r)) ? actor.unitId : null;
}

/** Conditions of a task box for this actor, on `tasks t`; `today` is the parameter of today's date. */
export function boxSql(box: TaskBox, actor: Actor, p: SqlParams, today: string): string[] {
  switch (box) {
    case 'draft': {
      const unit = staffUnitOf(actor);
      return unit ? [`t.owner_unit_id = ${p.add(unit)}::uuid`, `t.state = 'DRAFTING'`] : ['FALSE'];
    }
    case 'review': {
      const unit = staffUnitOf(actor);
      return unit ? [`t.state = 'IN_REVIEW'`, `t.pending_review_unit_ids @> ARRAY[${p.add(unit)}::uuid]`] : ['FALSE'];
    }
    case 'approve':
      return [`t.state = 'AWAITING_APPROVAL'`, decidesSql(actor, p)];
    case 'extensions':
      return [extensionPendingSql(), decidesSql(actor, p)];
    case 'escalated': {
      const people = [actor.userId, ...(actor.onBehalfOfUserId ? [actor.onBehalfOfUserId] : [])];
      const who = p.add(people);
      const types = p.add(ESCALATION_TYPES);
      return [
        // The person's escalated tasks first (a few hundred, ix_notifications_user_type_task): the
        // planner then reads those tasks by id instead of every task the person may see.
        `t.id = ANY(ARRAY(SELECT DISTINCT en.task_id FROM notifications en WHERE en.user_id = ANY(${who}::uuid[]) AND en.type = ANY(${types}::text[])))`,
        accessProbeSql(visibilityOf(actor), p),
        `t.state IN ${ACTIVE_SQL}`,
        `EXISTS (
          SELECT 1 FROM notifications n JOIN task_events e ON e.id = n.task_event_id
          WHERE n.task_id = t.id AND n.user_id = ANY(${who}::uuid[]) AND n.type = ANY(${types}::text[])
            AND ((n.type IN ('ESCALATED_TO_DEPUTY', 'ESCALATED_TO_DIRECTOR')
                  AND e.payload->>'dueOn' = to_char(coalesce(t.extended_due_on, t.due_on), 'YYYY-MM-DD'))
              OR (n.type IN ('REVIEW_ESCALATED', 'REVIEW_ESCALATED_TO_DIRECTOR')
                  AND t.state = 'IN_REVIEW' AND e.payload->>'round' = t.detail->'review'->>'round')
              OR (n.type = 'APPROVAL_ESCALATED' AND t.state = 'AWAITING_APPROVAL'
                  AND NOT EXISTS (SELECT 1 FROM task_events later
                                  WHERE later.task_id = t.id AND later.version > e.version
                                    AND later.to_state = 'AWAITING_APPROVAL' AND later.from_state IS DISTINCT FROM 'AWAITING_APPROVAL'))))`,
      ];
    }
    case 'overdue':
      return [overdueSql(today)];
    case 'waiting':
      return [`t.state = 'PENDING_TRIGGER'`];
    case 'mine': {
      const me = p.add(actor.userId);
      const assigned = `(t.assignee_user_id = ${me}::uuid AND t.state IN ${ACTIVE_SQL})`;
      const unit = staffUnitOf(actor);
      if (!unit) return [assigned];
      const u = p.add(unit);
      const head = actor.roles.includes('unitHead');
      const drafts = `(t.owner_unit_id = ${u}::uuid AND t.state = 'DRAFTING'${head ? '' : ` AND (t.assignee_user_id IS NULL OR t.assignee_user_id = ${me}::uuid)`})`;
      const opinions = head ? ` OR (t.state = 'IN_REVIEW' AND t.pending_review_unit_ids @> ARRAY[${u}::uuid])` : '';
      return [`(${assigned} OR ${drafts}${opinions})`];
    }
  }
}

/** A page of a task box: the listing's filters, its order (nearest deadline first unless asked), one keyset page. */
export interface InboxBoxQuery extends TaskFilters {
  sort?: TaskSort;
  limit: number;
  cursor?: string;
}

/** The listing of a task box for this person, on top of what they may see. */
export function inboxBoxPageRequest(actor: Actor, box: TaskBox, q: InboxBoxQuery): TaskPageRequest {
  return {
    where: (p, today) => boxSql(box, actor, p, today),
    accessImplied: boxImpliesAccess(box, actor),
    filters: q,
    sort: q.sort ?? 'dueOn',
    limit: q.limit,
    cursor: q.cursor,
  };
}

/**
 * The statements a task box runs for this person: its page (with the filters, sort and cursor
 * of `q`) and its count. test/api/inbox-explain.int-spec.ts EXPLAINs them on 100,000 tasks.
 */
export function inboxBoxStatements(actor: Actor, box: TaskBox, q: InboxBoxQuery, today: string): { page: SqlStatement; count: SqlStatement } {
  const v = visibilityOf(actor);
  return {
    page: taskPageStatement(v, inboxBoxPageRequest(actor, box, q), today),
    count: taskCountStatement(v, (p, t) => boxSql(box, actor, p, t), today, boxImpliesAccess(box, actor)),
  };
}

/** One page of a task box. */
export function findInboxBoxPage(db: Db, actor: Actor, box: TaskBox, q: InboxBoxQuery, today: string): Promise<TaskSummaryPage> {
  return findTaskPage(db, visibilityOf(actor), inboxBoxPageRequest(actor, box, q), today);
}

/** How many tasks each task box holds for this person (the badges), one count a box. */
export async function countInboxBoxes(db: Db, actor: Actor, today: string): Promise<Record<TaskBox, number>> {
  const v = visibilityOf(actor);
  const counts = await Promise.all(TASK_BOXES.map((box) => countTasks(db, v, (p, t) => boxSql(box, actor, p, t), today, boxImpliesAccess(box, actor))));
  return Object.fromEntries(TASK_BOXES.map((box, i) => [box, counts[i]])) as Record<TaskBox, number>;
}
