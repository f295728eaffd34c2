import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/domain';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { grantInForce, grantsHeldBy } from './delegations';

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

type Delegator = Pick<UserRow, 'organization_id' | 'roles' | 'is_active'>;

const DELEGATION_REFUSALS = {
  principal: 'Chỉ ký thay (KT.) được cho Giám đốc (tài khoản đang hoạt động) của cùng cơ quan.',
  deputy: 'Chỉ Phó Giám đốc được ký thay (KT.) Giám đốc.',
  grant: 'Bạn chưa được Giám đốc ủy quyền ký thay (KT.) vào thời gian này.',
};

/**
 * Who may ever sign "KT." for whom: a deputy director for an active director of their own
 * organization. Why `user` may not sign for `principal`, or null when they may if granted; the
 * grant in force is the other half ({@link loadActor}, libs/persistence delegations.ts).
 */
export function delegationRefusal(user: Delegator, principal: Delegator | undefined): string | null {
  if (!principal || principal.organization_id !== user.organization_id || !principal.roles.includes('director') || !principal.is_active) return DELEGATION_REFUSALS.principal;
  if (!user.roles.includes('deputyDirector')) return DELEGATION_REFUSALS.deputy;
  return null;
}

export interface DelegationOption {
  /** The director signed for. */
  userId: string;
  username: string;
  fullName: string;
  title: string;
  grantId: string;
  startsOn: string;
  endsOn: string;
  /** Today inside the period: X-On-Behalf-Of is honoured now. Else the grant is still to come. */
  inForce: boolean;
  unitCodes: string[] | null;
  actions: string[] | null;
}

/**
 * The grants this user holds, in force and upcoming (GET /me/delegations): whom they may sign
 * for ("KT."), from when to when, for what. Empty for anybody without a grant.
 */
export async function listDelegations(db: DataSource | EntityManager, userId: string): Promise<DelegationOption[]> {
  const user = await loadUser(db, 'id', userId);
  if (!user || !user.is_active || !user.roles.includes('deputyDirector')) return [];
  return (await grantsHeldBy(db, userId)).map((g) => ({
    userId: g.principal.userId,
    username: g.principal.username,
    fullName: g.principal.fullName,
    title: g.principal.title,
    grantId: g.id,
    startsOn: g.startsOn,
    endsOn: g.endsOn,
    inForce: g.inForce,
    unitCodes: g.units?.map((u) => u.code) ?? null,
    actions: g.actions,
  }));
}

/**
 * The actor the task workflow authorizes: who (user, unit, roles, organization), the deputy's
 * portfolio, and, for "KT. Giám đốc", the director the deputy signs for (under a grant in force,
 * else 403 DELEGATION_NOT_GRANTED; a grant limited to units or actions is checked per action by
 * the API, `grantScopeRefusal`). The API builds it from
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
    if (refusal || !principal) throw new DomainError('DELEGATION_NOT_GRANTED', refusal ?? DELEGATION_REFUSALS.principal);
    // Only inside a grant the director made, in force today: never from the header alone.
    const grant = await grantInForce(db, user.id, principal.id);
    if (!grant) throw new DomainError('DELEGATION_NOT_GRANTED', DELEGATION_REFUSALS.grant);
    actor.onBehalfOfUserId = principal.id;
    actor.onBehalfOfRoles = principal.roles;
    actor.onBehalfOfName = principal.full_name;
  }
  return actor;
}
