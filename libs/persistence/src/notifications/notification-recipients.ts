import { DataSource, EntityManager } from 'typeorm';

import { NOTIFY_ROLES, NotifyRole, WAITED_ON_ROLES } from '@app/workflows/task-lifecycle/events';

/**
 * Who a role word of an event means (declared per event type by the action registry,
 * `EVENT_RULES`; WORKFLOW.md "Deadlines, reminders, escalation"). Always people of the task's
 * organization, active accounts only.
 */
export { NOTIFY_ROLES };
export type { NotifyRole };

export interface Recipient {
  userId: string;
  username: string;
  fullName: string;
  email: string | null;
}

export interface RecipientScope {
  organizationId: string;
  /** The lead unit the event is about (payload.ownerUnitId, else the task's). */
  ownerUnitId: string | null;
  /** Coordinating units asked, or whose review opinion is missing (payload.unitIds, else the task's pending ones). */
  reviewUnitIds: string[];
  /** The unit a reassignment took the task from (payload.from.unitId). */
  previousOwnerUnitId?: string | null;
  /** The approver the task waits on, as the read model stores it (tasks.approver_user_ids); resolved live when absent. */
  approverUserIds?: string[];
  /** The officer an assignment gives the task to (payload.assigneeUserId). */
  assigneeUserId?: string | null;
  /** The officer it was given to before (payload.previousAssigneeUserId). */
  previousAssigneeUserId?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps what can be a uuid: a malformed id in a payload must not fail the event's transaction. */
export function uuidsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && UUID.test(v)) : [];
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** `waitedOn` as the roles of what the task waits on now (the registry's WAITED_ON_ROLES). */
export function expandWaitedOn(roles: readonly NotifyRole[], waitingKind: string | null | undefined): NotifyRole[] {
  if (!roles.includes('waitedOn')) return [...roles];
  const waited = (WAITED_ON_ROLES as Record<string, readonly NotifyRole[]>)[waitingKind ?? 'nobody'] ?? [];
  return [...new Set(roles.flatMap((r) => (r === 'waitedOn' ? waited : [r])))];
}

/** The known role words of a `notify` list, in order, once each; anything else is ignored. */
export function notifyRolesOf(value: unknown): NotifyRole[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((v): v is NotifyRole => (NOTIFY_ROLES as readonly unknown[]).includes(v)))];
}

// Conditions on `users u`, with the scope `s` (owner_unit, review_units) beside it.
const CONDITION: Record<Exclude<NotifyRole, 'deputyInCharge' | 'approver' | 'waitedOn' | 'assignee' | 'previousAssignee'>, string> = {
  leadUnitOfficer: `u.unit_id = s.owner_unit AND 'officer' = ANY(u.roles)`,
  leadUnitHead: `u.unit_id = s.owner_unit AND 'unitHead' = ANY(u.roles)`,
  previousLeadUnitHead: `u.unit_id = s.previous_owner AND 'unitHead' = ANY(u.roles)`,
  monitor: `'monitor' = ANY(u.roles)`,
  director: `'director' = ANY(u.roles)`,
  reviewUnitHead: `u.unit_id = ANY(s.review_units) AND 'unitHead' = ANY(u.roles)`,
  reviewUnitOfficer: `u.unit_id = ANY(s.review_units) AND 'officer' = ANY(u.roles)`,
};
async function select(db: DataSource | EntityManager, condition: string, scope: RecipientScope): Promise<Recipient[]> {
  const rows: Array<{ id: string; username: string; full_name: string; email: string | null }> = await db.query(
    `WITH s AS (SELECT $1::uuid AS organization_id, $2::uuid AS owner_unit, $3::uuid[] AS review_units, $4::uuid AS previous_owner)
     SELECT u.id, u.username, u.full_name, u.email FROM users u, s
     WHERE u.organization_id = s.organization_id AND u.is_active AND ${condition}
     ORDER BY u.username`,
    [scope.organizationId, scope.ownerUnitId, scope.reviewUnitIds, scope.previousOwnerUnitId ?? null],
  );
  return rows.map((r) => ({ userId: r.id, username: r.username, fullName: r.full_name, email: r.email }));
}

/**
 * Who decides a task of `ownerUnitId` (the registry's DECIDERS: the director(s) and the deputies
 * whose portfolio holds the lead unit) and who its approver is (those deputies, else the
 * director(s)). The read-model activity stores both on the task row with every event; this is the
 * one statement of the rule in SQL.
 */
export async function decidersOf(
  db: DataSource | EntityManager,
  organizationId: string,
  ownerUnitId: string | null,
): Promise<{ decidingUserIds: string[]; approverUserIds: string[] }> {
  const [row]: Array<{ deputies: string[]; directors: string[] }> = await db.query(
    `SELECT ARRAY(SELECT d.id FROM users d WHERE d.organization_id = $1 AND d.is_active AND 'deputyDirector' = ANY(d.roles)
                    AND EXISTS (SELECT 1 FROM deputy_portfolios p WHERE p.user_id = d.id AND p.unit_id = $2::uuid) ORDER BY d.id) AS deputies,
            ARRAY(SELECT g.id FROM users g WHERE g.organization_id = $1 AND g.is_active AND 'director' = ANY(g.roles) ORDER BY g.id) AS directors`,
    [organizationId, ownerUnitId],
  );
  const deputies = ownerUnitId ? row.deputies : [];
  return { decidingUserIds: [...deputies, ...row.directors], approverUserIds: deputies.length ? deputies : row.directors };
}

async function byIds(db: DataSource | EntityManager, organizationId: string, ids: string[]): Promise<Recipient[]> {
  if (!ids.length) return [];
  const rows: Array<{ id: string; username: string; full_name: string; email: string | null }> = await db.query(
    `SELECT u.id, u.username, u.full_name, u.email FROM users u WHERE u.organization_id = $1 AND u.is_active AND u.id = ANY($2::uuid[]) ORDER BY u.username`,
    [organizationId, ids],
  );
  return rows.map((r) => ({ userId: r.id, username: r.username, fullName: r.full_name, email: r.email }));
}

/**
 * The people behind the role words, deduplicated (one notification per person and event, however
 * many of their roles are named). `deputyInCharge` and `approver` mean the approver the task row
 * stores (the deputy directors in charge of the lead unit, or the director(s) when no deputy holds
 * it, or the task has no lead unit); `decidersOf` when the row has none yet.
 */
export async function resolveRecipients(db: DataSource | EntityManager, roles: readonly NotifyRole[], scope: RecipientScope): Promise<Recipient[]> {
  const byId = new Map<string, Recipient>();
  let leadership: Recipient[] | undefined;
  for (const role of roles) {
    let found: Recipient[];
    if (role === 'deputyInCharge' || role === 'approver') {
      if (!leadership) {
        const ids = scope.approverUserIds?.length ? scope.approverUserIds : (await decidersOf(db, scope.organizationId, scope.ownerUnitId)).approverUserIds;
        leadership = await byIds(db, scope.organizationId, ids);
      }
      found = leadership;
    } else if ((role === 'leadUnitOfficer' || role === 'leadUnitHead') && !scope.ownerUnitId) {
      found = [];
    } else if ((role === 'reviewUnitHead' || role === 'reviewUnitOfficer') && !scope.reviewUnitIds.length) {
      found = [];
    } else if (role === 'previousLeadUnitHead' && !scope.previousOwnerUnitId) {
      found = [];
    } else if (role === 'waitedOn') {
      found = []; // expanded by the caller (expandWaitedOn) from what the task waits on
    } else if (role === 'assignee' || role === 'previousAssignee') {
      const id = role === 'assignee' ? scope.assigneeUserId : scope.previousAssigneeUserId;
      found = id ? await byIds(db, scope.organizationId, [id]) : [];
    } else {
      found = await select(db, CONDITION[role], scope);
    }
    for (const r of found) if (!byId.has(r.userId)) byId.set(r.userId, r);
  }
  return [...byId.values()];
}
