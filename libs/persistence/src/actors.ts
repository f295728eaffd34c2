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
    if (!principal || principal.organization_id !== user.organization_id || !principal.roles.includes('director')) {
      throw new DomainError('DELEGATION_INVALID', 'Chỉ ký thay (KT.) được cho Giám đốc của cùng cơ quan.');
    }
    if (!user.roles.includes('deputyDirector')) throw new DomainError('DELEGATION_INVALID', 'Chỉ Phó Giám đốc được ký thay (KT.) Giám đốc.');
    actor.onBehalfOfUserId = principal.id;
    actor.onBehalfOfRoles = principal.roles;
    actor.onBehalfOfName = principal.full_name;
  }
  return actor;
}
