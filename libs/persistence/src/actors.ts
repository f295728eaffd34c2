import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/domain';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

interface UserRow {
  id: string;
  organization_id: string;
  unit_id: string | null;
  roles: string[];
  full_name: string;
  is_active: boolean;
  portfolio: string[];
}

async function loadUser(db: DataSource | EntityManager, where: 'id' | 'username', value: string): Promise<UserRow | undefined> {
  const [row] = await db.query(
    `SELECT u.id, u.organization_id, u.unit_id, u.roles, u.full_name, u.is_active,
            coalesce(array_agg(p.unit_id) FILTER (WHERE p.unit_id IS NOT NULL), '{}') AS portfolio
     FROM users u LEFT JOIN deputy_portfolios p ON p.user_id = u.id
     WHERE u.${where === 'id' ? 'id' : 'username'} = $1
     GROUP BY u.id`,
    [value],
  );
  return row;
}

type Delegator = Pick<UserRow, 'organization_id' | 'roles'>;

const DELEGATION_REFUSALS = {
  principal: 'Chỉ ký thay (KT.) được cho Giám đốc của cùng cơ quan.',
  deputy: 'Chỉ Phó Giám đốc được ký thay (KT.) Giám đốc.',
};

/**
 * The rule of "KT. Giám đốc" (X-On-Behalf-Of): a deputy director signs for a director of their own
 * organization. Why `user` may not sign for `principal`, or null when they may. One rule for the
 * check of every request ({@link loadActor}) and for the list of whom one may sign for
 * ({@link listDelegations}).
 */
export function delegationRefusal(user: Delegator, principal: Delegator | undefined): string | null {
  if (!principal || principal.organization_id !== user.organization_id || !principal.roles.includes('director')) return DELEGATION_REFUSALS.principal;
  if (!user.roles.includes('deputyDirector')) return DELEGATION_REFUSALS.deputy;
  return null;
}

export interface DelegationOption {
  userId: string;
  username: string;
  fullName: string;
  title: string;
}

/**
 * The people this user may sign for ("KT."), by {@link delegationRefusal}: for a deputy director
 * the director of their organization; nobody for anybody else. By name.
 */
export async function listDelegations(db: DataSource | EntityManager, userId: string): Promise<DelegationOption[]> {
  const user = await loadUser(db, 'id', userId);
  if (!user || !user.is_active) return [];
  // Only directors of the organization can pass the rule: the query narrows to them (and to active
  // accounts, nobody signs for a locked one), the rule decides.
  const candidates: Array<Delegator & { id: string; username: string; full_name: string; title: string }> = await db.query(
    `SELECT id, username, full_name, title, organization_id, roles FROM users
     WHERE organization_id = $1 AND 'director' = ANY(roles) AND is_active
     ORDER BY full_name, username`,
    [user.organization_id],
  );
  return candidates
    .filter((c) => delegationRefusal(user, c) === null)
    .map((c) => ({ userId: c.id, username: c.username, fullName: c.full_name, title: c.title }));
}

/**
 * The actor the task workflow authorizes: who (user, unit, roles, organization), the deputy's
 * portfolio, and, for "KT. Giám đốc", the director the deputy signs for. The API builds it from
 * the authenticated user; the workflow's validators decide what the actor may do.
 */
export async function loadActor(
  db: DataSource | EntityManager,
  who: { userId: string } | { username: string },
  onBehalfOf?: { userId: string } | { username: string },
): Promise<Actor> {
  const user = 'userId' in who ? await loadUser(db, 'id', who.userId) : await loadUser(db, 'username', who.username);
  if (!user || !user.is_active) throw new DomainError('USER_NOT_FOUND', 'Không tìm thấy người dùng hoặc tài khoản đã bị khóa.');
  const actor: Actor = {
    userId: user.id,
    unitId: user.unit_id,
    roles: user.roles,
    organizationId: user.organization_id,
    displayName: user.full_name,
    portfolioUnitIds: user.portfolio,
  };
  if (onBehalfOf) {
    const principal = 'userId' in onBehalfOf ? await loadUser(db, 'id', onBehalfOf.userId) : await loadUser(db, 'username', onBehalfOf.username);
    const refusal = delegationRefusal(user, principal);
    if (refusal || !principal) throw new DomainError('DELEGATION_INVALID', refusal ?? DELEGATION_REFUSALS.principal);
    actor.onBehalfOfUserId = principal.id;
    actor.onBehalfOfRoles = principal.roles;
    actor.onBehalfOfName = principal.full_name;
  }
  return actor;
}
