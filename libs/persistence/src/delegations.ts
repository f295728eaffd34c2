import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, DomainError } from '@app/domain';

/**
 * "KT. Giám đốc" as recorded grants (delegation_grants, DelegationGrantEntity): the director
 * grants a deputy director of the same organization the right to sign for them over a period of
 * days in Vietnam, optionally only for some lead units and some actions, and may revoke it. The
 * header X-On-Behalf-Of is honoured only inside a grant in force, from an active director to an
 * active deputy ({@link loadActor}); nothing else makes a delegation.
 */
export interface DelegationGrant {
  id: string;
  organizationId: string;
  principal: { userId: string; username: string; fullName: string; title: string };
  deputy: { userId: string; username: string; fullName: string; title: string };
  startsOn: string;
  endsOn: string;
  /** Only tasks led by these units; null: every unit. */
  units: Array<{ id: string; code: string }> | null;
  /** Only these actions; null: every action. */
  actions: string[] | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  /** Today (Vietnam) inside the period, not revoked. */
  inForce: boolean;
}

/** Today's date in Vietnam: grants count whole days there. */
export const vietnamToday = (): string => CalendarDate.fromInstant(Date.now());

const SELECT = `
  SELECT g.id, g.organization_id, to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(g.ends_on, 'YYYY-MM-DD') AS ends_on,
         g.actions, g.note, g.created_by, g.created_at, g.revoked_at, g.revoked_by,
         p.id AS p_id, p.username AS p_username, p.full_name AS p_name, p.title AS p_title,
         d.id AS d_id, d.username AS d_username, d.full_name AS d_name, d.title AS d_title,
         (SELECT coalesce(json_agg(json_build_object('id', un.id, 'code', un.code) ORDER BY un.code), '[]'::json)
            FROM units un WHERE un.id = ANY(g.unit_ids)) AS units, g.unit_ids IS NULL AS all_units
  FROM delegation_grants g JOIN users p ON p.id = g.principal_user_id JOIN users d ON d.id = g.deputy_user_id`;

function grantOf(r: Record<string, unknown>, today: string): DelegationGrant {
  const startsOn = r.starts_on as string;
  const endsOn = r.ends_on as string;
  const revokedAt = r.revoked_at ? new Date(r.revoked_at as string).toISOString() : null;
  return {
    id: r.id as string,
    organizationId: r.organization_id as string,
    principal: { userId: r.p_id as string, username: r.p_username as string, fullName: r.p_name as string, title: (r.p_title as string) ?? '' },
    deputy: { userId: r.d_id as string, username: r.d_username as string, fullName: r.d_name as string, title: (r.d_title as string) ?? '' },
    startsOn,
    endsOn,
    units: r.all_units ? null : (r.units as Array<{ id: string; code: string }>),
    actions: (r.actions as string[] | null) ?? null,
    note: (r.note as string | null) ?? null,
    createdBy: r.created_by as string,
    createdAt: new Date(r.created_at as string).toISOString(),
    revokedAt,
    revokedBy: (r.revoked_by as string | null) ?? null,
    inForce: !revokedAt && startsOn <= today && today <= endsOn,
  };
}

/**
 * The grant under which `deputyUserId` signs for `principalUserId` today, or null: in its period,
 * not revoked, the principal an active director and the deputy an active deputy director of the
 * same organization (a grant outlives neither account's lock nor a change of role).
 */
export async function grantInForce(db: DataSource | EntityManager, deputyUserId: string, principalUserId: string, today = vietnamToday()): Promise<DelegationGrant | null> {
  const rows = await db.query(
    `${SELECT}
     WHERE g.deputy_user_id = $1 AND g.principal_user_id = $2 AND g.revoked_at IS NULL AND g.starts_on <= $3::date AND g.ends_on >= $3::date
       AND p.is_active AND 'director' = ANY(p.roles) AND d.is_active AND 'deputyDirector' = ANY(d.roles)
       AND p.organization_id = g.organization_id AND d.organization_id = g.organization_id
     ORDER BY g.created_at DESC LIMIT 1`,
    [deputyUserId, principalUserId, today],
  );
  return rows.length ? grantOf(rows[0], today) : null;
}

/** The grants a deputy holds now or from a later day (not revoked, not ended), soonest first. */
export async function grantsHeldBy(db: DataSource | EntityManager, deputyUserId: string, today = vietnamToday()): Promise<DelegationGrant[]> {
  const rows = await db.query(
    `${SELECT}
     WHERE g.deputy_user_id = $1 AND g.revoked_at IS NULL AND g.ends_on >= $2::date AND p.is_active AND 'director' = ANY(p.roles)
     ORDER BY g.starts_on, g.created_at`,
    [deputyUserId, today],
  );
  return rows.map((r: Record<string, unknown>) => grantOf(r, today));
}

/** Every grant a director has made (revoked and ended ones too: the audit), newest first. */
export async function grantsGivenBy(db: DataSource | EntityManager, principalUserId: string, today = vietnamToday()): Promise<DelegationGrant[]> {
  const rows = await db.query(`${SELECT} WHERE g.principal_user_id = $1 ORDER BY g.created_at DESC, g.id`, [principalUserId]);
  return rows.map((r: Record<string, unknown>) => grantOf(r, today));
}

export interface NewGrant {
  deputyUsername: string;
  startsOn: string;
  endsOn: string;
  unitCodes?: string[];
  actions?: string[];
  note?: string;
}

/** The longest grant: a year (a new one can follow). */
export const MAX_GRANT_DAYS = 366;

function invalid(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('DELEGATION_GRANT_INVALID', message, details);
}

/**
 * The director `principal` grants: checked (a deputy director of the same organization, active;
 * a real period that has not ended and is at most a year; known units and actions), then stored.
 */
export async function createGrant(
  db: DataSource,
  principal: { userId: string; organizationId: string; roles: string[] },
  grant: NewGrant,
  knownActions: readonly string[],
  today = vietnamToday(),
): Promise<DelegationGrant> {
  if (!principal.roles.includes('director')) throw new DomainError('FORBIDDEN', 'Chỉ Giám đốc được giao quyền ký thay (KT.).');
  if (!CalendarDate.isValid(grant.startsOn) || !CalendarDate.isValid(grant.endsOn)) throw invalid('Ngày bắt đầu và ngày kết thúc phải là ngày hợp lệ (YYYY-MM-DD).');
  if (grant.startsOn > grant.endsOn) throw invalid('Ngày kết thúc không được trước ngày bắt đầu.', { startsOn: grant.startsOn, endsOn: grant.endsOn });
  if (grant.endsOn < today) throw invalid('Thời hạn ủy quyền đã qua.', { endsOn: grant.endsOn, today });
  if (CalendarDate.diffDays(grant.startsOn, grant.endsOn) + 1 > MAX_GRANT_DAYS) throw invalid(`Mỗi lần ủy quyền tối đa ${MAX_GRANT_DAYS} ngày.`, { maxDays: MAX_GRANT_DAYS });
  const unknownActions = (grant.actions ?? []).filter((a) => !knownActions.includes(a));
  if (unknownActions.length) throw invalid(`Thao tác không hợp lệ: ${unknownActions.join(', ')}.`, { actions: unknownActions });
  const [deputy]: Array<{ id: string; roles: string[]; is_active: boolean }> = await db.query(
    `SELECT id, roles, is_active FROM users WHERE organization_id = $1 AND username = $2`,
    [principal.organizationId, grant.deputyUsername.trim().toLowerCase()],
  );
  if (!deputy || !deputy.is_active || !deputy.roles.includes('deputyDirector')) {
    throw invalid('Chỉ giao quyền ký thay cho Phó Giám đốc (tài khoản đang hoạt động) của cùng cơ quan.', { deputyUsername: grant.deputyUsername });
  }
  if (deputy.id === principal.userId) throw invalid('Không thể tự ủy quyền cho chính mình.');
  let unitIds: string[] | null = null;
  if (grant.unitCodes?.length) {
    const codes = [...new Set(grant.unitCodes)];
    const rows: Array<{ id: string; code: string }> = await db.query(`SELECT id, code FROM units WHERE organization_id = $1 AND code = ANY($2::text[])`, [principal.organizationId, codes]);
    const missing = codes.filter((c) => !rows.some((r) => r.code === c));
    if (missing.length) throw new DomainError('UNIT_NOT_FOUND', `Không tìm thấy đơn vị: ${missing.join(', ')}.`, { unitCodes: missing });
    unitIds = rows.map((r) => r.id);
  }
  const [row] = await db.query(
    `INSERT INTO delegation_grants (organization_id, principal_user_id, deputy_user_id, starts_on, ends_on, unit_ids, actions, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7::text[], $8, $2) RETURNING id`,
    [principal.organizationId, principal.userId, deputy.id, grant.startsOn, grant.endsOn, unitIds, grant.actions?.length ? [...new Set(grant.actions)] : null, grant.note?.trim() || null],
  );
  return (await grantById(db, row.id, today))!;
}

export async function grantById(db: DataSource | EntityManager, id: string, today = vietnamToday()): Promise<DelegationGrant | null> {
  const rows = await db.query(`${SELECT} WHERE g.id = $1`, [id]);
  return rows.length ? grantOf(rows[0], today) : null;
}

/** The director revokes one of their grants (kept, with who and when); revoking twice changes nothing. */
export async function revokeGrant(db: DataSource, principal: { userId: string; roles: string[] }, id: string, today = vietnamToday()): Promise<DelegationGrant> {
  if (!principal.roles.includes('director')) throw new DomainError('FORBIDDEN', 'Chỉ Giám đốc được thu hồi quyền ký thay (KT.).');
  const existing = await grantById(db, id, today);
  if (!existing || existing.principal.userId !== principal.userId) throw new DomainError('DELEGATION_GRANT_NOT_FOUND', 'Không tìm thấy ủy quyền ký thay.');
  await db.query(`UPDATE delegation_grants SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, principal.userId]);
  return (await grantById(db, id, today))!;
}

/**
 * Why the grant does not cover this action on a task led by `ownerUnitId`, or null when it does.
 */
export function grantScopeRefusal(grant: Pick<DelegationGrant, 'units' | 'actions' | 'endsOn'>, action: string, ownerUnitId: string | null): string | null {
  if (grant.actions && !grant.actions.includes(action)) return 'Ủy quyền ký thay (KT.) không bao gồm thao tác này.';
  if (grant.units && !(ownerUnitId && grant.units.some((u) => u.id === ownerUnitId))) return 'Ủy quyền ký thay (KT.) không bao gồm nhiệm vụ của đơn vị này.';
  return null;
}
