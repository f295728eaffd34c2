import { DataSource, EntityManager } from 'typeorm';
import { DomainError, foldForSearch, ROLES } from '@app/domain';
import { recordAdminAudit } from './admin-audit';
import { issueAccountToken, revokeSessions } from './account-tokens';
import { OpenTasksRepository } from '../repositories/open-tasks.repository';

type Db = DataSource | EntityManager;

/**
 * An organization's directory as its administrator changes it: units (and the aliases the plan
 * importer resolves), people (roles, unit, deputy portfolio, active), each change audited in the
 * same transaction. One implementation for the administration API, the spreadsheet import and the
 * operator's command line.
 */

export const UNIT_CODE = /^[A-Z0-9][A-Z0-9_.-]{0,31}$/;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
// A pragmatic address check (one @, a dot in the domain, no spaces): what a mail relay accepts.
export const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;
export const UNIT_KINDS = ['internal', 'affiliated'] as const;

export interface UnitInput {
  code: string;
  name: string;
  kind: 'internal' | 'affiliated';
  aliases: string[];
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  aliases: string[];
  active: boolean;
}

export interface PersonInput {
  username: string;
  fullName: string;
  title: string;
  email: string;
  unitCode: string | null;
  roles: string[];
  portfolioUnitCodes: string[];
}

export interface PersonPatch {
  fullName?: string;
  title?: string;
  email?: string;
  unitCode?: string | null;
  roles?: string[];
  portfolioUnitCodes?: string[];
  active?: boolean;
}

export interface PersonRow {
  id: string;
  username: string;
  fullName: string;
  title: string;
  email: string | null;
  unitCode: string | null;
  roles: string[];
  portfolioUnitCodes: string[];
  active: boolean;
  /** A password was chosen (the invitation was used). */
  hasPassword: boolean;
}

export interface DirectoryContext {
  organizationId: string;
  /** The administrator; null for the command line. */
  actorUserId: string | null;
  publicUrl: string;
}

const fail = (code: string, message: string, details?: Record<string, unknown>): never => {
  throw new DomainError(code, message, details);
};

/** Postgres text cannot hold NUL, and no name needs control characters: refused before any query. */
export function assertPlainText(...values: Array<string | null | undefined | string[]>): void {
  for (const v of values.flat()) {
    if (typeof v === 'string' && /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) {
      fail('VALIDATION_FAILED', 'Dữ liệu có ký tự điều khiển không hợp lệ.');
    }
  }
}

export async function listUnits(db: Db, organizationId: string, opts: { includeInactive?: boolean } = {}): Promise<UnitRow[]> {
  return db.query(
    `SELECT id, code, name, kind, aliases, is_active AS active FROM units
     WHERE organization_id = $1 AND ($2 OR is_active) ORDER BY code`,
    [organizationId, opts.includeInactive ?? false],
  );
}

export async function listPeople(db: Db, organizationId: string): Promise<PersonRow[]> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT u.id, u.username, u.full_name, u.title, u.email, un.code AS unit_code, u.roles, u.is_active, u.password_hash IS NOT NULL AS has_password,
            coalesce(array_agg(pu.code ORDER BY pu.code) FILTER (WHERE pu.code IS NOT NULL), '{}') AS portfolio
     FROM users u LEFT JOIN units un ON un.id = u.unit_id
       LEFT JOIN deputy_portfolios p ON p.user_id = u.id LEFT JOIN units pu ON pu.id = p.unit_id
     WHERE u.organization_id = $1
     GROUP BY u.id, un.code ORDER BY u.username`,
    [organizationId],
  );
  return rows.map(personOf);
}

export async function getPerson(db: Db, organizationId: string, userId: string): Promise<PersonRow> {
  const people = await listPeople(db, organizationId);
  return people.find((p) => p.id === userId) ?? fail('ADMIN_USER_NOT_FOUND', 'Không tìm thấy người dùng trong cơ quan.');
}

function personOf(r: Record<string, unknown>): PersonRow {
  return {
    id: r.id as string,
    username: r.username as string,
    fullName: r.full_name as string,
    title: r.title as string,
    email: (r.email as string | null) ?? null,
    unitCode: (r.unit_code as string | null) ?? null,
    roles: r.roles as string[],
    portfolioUnitCodes: r.portfolio as string[],
    active: r.is_active as boolean,
    hasPassword: r.has_password as boolean,
  };
}

function cleanAliases(aliases: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of aliases.map((x) => x.trim().replace(/\s+/g, ' ')).filter(Boolean)) {
    if (seen.has(foldForSearch(a))) continue;
    seen.add(foldForSearch(a));
    out.push(a);
  }
  return out;
}

/** A name or alias another unit of the organization already answers to: the importer could not tell them apart. */
async function assertSpellingsFree(db: Db, organizationId: string, code: string, spellings: string[]): Promise<void> {
  const others: Array<{ code: string; name: string; aliases: string[] }> = await db.query(
    `SELECT code, name, aliases FROM units WHERE organization_id = $1 AND code <> $2 AND is_active`,
    [organizationId, code],
  );
  for (const s of spellings) {
    const folded = foldForSearch(s);
    const clash = others.find((o) => [o.name, ...o.aliases].some((x) => foldForSearch(x) === folded));
    if (clash) fail('UNIT_ALIAS_TAKEN', `Tên gọi "${s}" đã là tên của đơn vị ${clash.code}.`, { alias: s, unitCode: clash.code });
  }
}

export function validateUnitInput(u: UnitInput): string[] {
  const errors: string[] = [];
  if (!UNIT_CODE.test(u.code)) errors.push(`Mã đơn vị "${u.code}" không hợp lệ (chữ in hoa, số, "-", "_", ".", tối đa 32 ký tự).`);
  if (!u.name?.trim()) errors.push('Tên đơn vị không được để trống.');
  if (!(UNIT_KINDS as readonly string[]).includes(u.kind)) errors.push(`Loại đơn vị "${u.kind}" không hợp lệ (internal: thuộc Sở, affiliated: trực thuộc Sở).`);
  return errors;
}

export async function createUnit(db: Db, ctx: DirectoryContext, input: UnitInput): Promise<UnitRow> {
  assertPlainText(input.code, input.name, input.aliases ?? []);
  const unit = { ...input, code: input.code.trim().toUpperCase(), name: input.name.trim(), aliases: cleanAliases(input.aliases ?? []) };
  const errors = validateUnitInput(unit);
  if (errors.length) fail('VALIDATION_FAILED', errors[0], { errors });
  const [existing] = await db.query(`SELECT 1 FROM units WHERE organization_id = $1 AND code = $2`, [ctx.organizationId, unit.code]);
  if (existing) fail('UNIT_CODE_TAKEN', `Mã đơn vị ${unit.code} đã có trong danh mục.`);
  await assertSpellingsFree(db, ctx.organizationId, unit.code, [unit.name, ...unit.aliases]);
  const [row] = await db.query(
    `INSERT INTO units (organization_id, code, name, kind, aliases) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, code, name, kind, aliases, is_active AS active`,
    [ctx.organizationId, unit.code, unit.name, unit.kind, unit.aliases],
  );
  await recordAdminAudit(db, { ...audit(ctx), action: 'unit.create', targetType: 'unit', targetId: unit.code, after: unitAudit(row) });
  return row;
}

export async function updateUnit(
  db: Db,
  ctx: DirectoryContext,
  code: string,
  patch: Partial<Omit<UnitInput, 'code'>> & { active?: boolean },
): Promise<UnitRow> {
  assertPlainText(code, patch.name, patch.aliases ?? []);
  const [before]: UnitRow[] = await db.query(
    `SELECT id, code, name, kind, aliases, is_active AS active FROM units WHERE organization_id = $1 AND code = $2 FOR UPDATE`,
    [ctx.organizationId, code.trim().toUpperCase()],
  );
  if (!before) fail('ADMIN_UNIT_NOT_FOUND', `Không có đơn vị mã ${code} trong danh mục.`);
  const next = {
    name: patch.name?.trim() ?? before.name,
    kind: patch.kind ?? (before.kind as UnitInput['kind']),
    aliases: patch.aliases ? cleanAliases(patch.aliases) : before.aliases,
    active: patch.active ?? before.active,
  };
  const errors = validateUnitInput({ code: before.code, ...next });
  if (errors.length) fail('VALIDATION_FAILED', errors[0], { errors });
  if (next.active) await assertSpellingsFree(db, ctx.organizationId, before.code, [next.name, ...next.aliases]);
  if (before.active && !next.active) {
    const open = await new OpenTasksRepository(db).countOfUnit(ctx.organizationId, before.id);
    if (open > 0) {
      fail('UNIT_HAS_OPEN_TASKS', `Đơn vị ${before.code} còn ${open} nhiệm vụ đang mở (chủ trì hoặc chờ ý kiến): giao các nhiệm vụ cho đơn vị khác trước khi ngừng sử dụng.`, {
        openTasks: open,
      });
    }
  }
  await db.query(`UPDATE units SET name = $2, kind = $3, aliases = $4, is_active = $5 WHERE id = $1`, [before.id, next.name, next.kind, next.aliases, next.active]);
  const [row]: UnitRow[] = await db.query(`SELECT id, code, name, kind, aliases, is_active AS active FROM units WHERE id = $1`, [before.id]);
  if (JSON.stringify(unitAudit(before)) !== JSON.stringify(unitAudit(row))) {
    await recordAdminAudit(db, { ...audit(ctx), action: 'unit.update', targetType: 'unit', targetId: before.code, before: unitAudit(before), after: unitAudit(row) });
  }
  return row;
}

const unitAudit = (u: UnitRow) => ({ code: u.code, name: u.name, kind: u.kind, aliases: u.aliases, active: u.active });
const audit = (ctx: DirectoryContext) => ({ organizationId: ctx.organizationId, actorUserId: ctx.actorUserId });

/** Every problem of a person's fields, in Vietnamese (empty: fine); the unit codes are checked by the caller. */
export function validatePersonInput(p: Omit<PersonInput, 'username'> & { username?: string }): string[] {
  const errors: string[] = [];
  if (p.username !== undefined && !USERNAME.test(p.username)) {
    errors.push(`Tên đăng nhập "${p.username}" không hợp lệ (chữ thường không dấu, số, ".", "_", "-"; 2 đến 64 ký tự).`);
  }
  if (!p.fullName?.trim()) errors.push('Họ và tên không được để trống.');
  if (!EMAIL.test(p.email ?? '')) errors.push(`Địa chỉ e-mail "${p.email ?? ''}" không hợp lệ.`);
  const unknownRoles = p.roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknownRoles.length) errors.push(`Vai trò không có: ${unknownRoles.join(', ')} (có: ${ROLES.join(', ')}).`);
  if (!p.roles.length) errors.push('Cần ít nhất một vai trò.');
  if ((p.roles.includes('officer') || p.roles.includes('unitHead')) && !p.unitCode) errors.push('Chuyên viên và trưởng đơn vị phải thuộc một đơn vị.');
  if (p.portfolioUnitCodes.length && !p.roles.includes('deputyDirector')) errors.push('Chỉ Phó Giám đốc có lĩnh vực phụ trách (danh sách đơn vị).');
  return errors;
}

async function unitIdsOf(db: Db, organizationId: string, codes: string[]): Promise<Map<string, string>> {
  const rows: Array<{ id: string; code: string }> = await db.query(
    `SELECT id, code FROM units WHERE organization_id = $1 AND code = ANY($2::text[]) AND is_active`,
    [organizationId, codes],
  );
  const map = new Map(rows.map((r) => [r.code, r.id]));
  const unknown = codes.filter((c) => !map.has(c));
  if (unknown.length) fail('UNIT_NOT_FOUND', `Không có đơn vị mã ${unknown.join(', ')} trong danh mục.`, { unitCodes: unknown });
  return map;
}

/** Creates a person of the organization and sends the invitation to choose their password. */
export async function createPerson(db: Db, ctx: DirectoryContext, input: PersonInput): Promise<{ person: PersonRow; invitationEmailId: string | null }> {
  assertPlainText(input.username, input.fullName, input.title, input.email, input.unitCode, input.roles, input.portfolioUnitCodes ?? []);
  const p = normalizePerson(input);
  const errors = validatePersonInput(p);
  if (errors.length) fail('VALIDATION_FAILED', errors[0], { errors });
  const [taken] = await db.query(`SELECT 1 FROM users WHERE username = $1`, [p.username]);
  if (taken) fail('USERNAME_TAKEN', `Tên đăng nhập ${p.username} đã được dùng.`);
  const units = await unitIdsOf(db, ctx.organizationId, [...new Set([...(p.unitCode ? [p.unitCode] : []), ...p.portfolioUnitCodes])]);
  const [user] = await db.query(
    `INSERT INTO users (organization_id, username, full_name, title, email, unit_id, roles) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [ctx.organizationId, p.username, p.fullName, p.title, p.email, p.unitCode ? units.get(p.unitCode) : null, p.roles],
  );
  for (const code of p.portfolioUnitCodes) {
    await db.query(`INSERT INTO deputy_portfolios (user_id, unit_id) VALUES ($1, $2)`, [user.id, units.get(code)]);
  }
  const person = await getPerson(db, ctx.organizationId, user.id);
  await recordAdminAudit(db, { ...audit(ctx), action: 'user.create', targetType: 'user', targetId: user.id, after: personAudit(person) });
  const invitation = await issueAccountToken(db, { userId: user.id, purpose: 'invitation', publicUrl: ctx.publicUrl });
  await recordAdminAudit(db, { ...audit(ctx), action: 'invitation.send', targetType: 'user', targetId: user.id, after: { username: p.username, email: p.email } });
  return { person, invitationEmailId: invitation.emailId };
}

function normalizePerson(input: PersonInput): PersonInput {
  return {
    username: input.username.trim().toLowerCase(),
    fullName: input.fullName.trim().replace(/\s+/g, ' '),
    title: (input.title ?? '').trim(),
    email: input.email.trim(),
    unitCode: input.unitCode?.trim().toUpperCase() || null,
    roles: [...new Set(input.roles.map((r) => r.trim()))],
    portfolioUnitCodes: [...new Set((input.portfolioUnitCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))].sort(),
  };
}

const personAudit = (p: PersonRow) => ({
  username: p.username,
  fullName: p.fullName,
  title: p.title,
  email: p.email,
  unitCode: p.unitCode,
  roles: p.roles,
  portfolioUnitCodes: p.portfolioUnitCodes,
  active: p.active,
});

/** Changes a person: fields, roles, unit, portfolio, active. Deactivating ends their sessions at once. */
export async function updatePerson(db: Db, ctx: DirectoryContext, userId: string, patch: PersonPatch): Promise<PersonRow> {
  assertPlainText(patch.fullName, patch.title, patch.email, patch.unitCode, patch.roles ?? [], patch.portfolioUnitCodes ?? []);
  await db.query(`SELECT id FROM users WHERE id = $1 AND organization_id = $2 FOR UPDATE`, [userId, ctx.organizationId]);
  const before = await getPerson(db, ctx.organizationId, userId);
  const next = normalizePerson({
    username: before.username,
    fullName: patch.fullName ?? before.fullName,
    title: patch.title ?? before.title,
    email: patch.email ?? before.email ?? '',
    unitCode: patch.unitCode === undefined ? before.unitCode : patch.unitCode,
    roles: patch.roles ?? before.roles,
    // A deputy who stops being one leaves their portfolio behind.
    portfolioUnitCodes: patch.portfolioUnitCodes ?? (patch.roles && !patch.roles.includes('deputyDirector') ? [] : before.portfolioUnitCodes),
  });
  const active = patch.active ?? before.active;
  const { username: _u, ...checked } = next;
  const errors = validatePersonInput(checked);
  if (errors.length) fail('VALIDATION_FAILED', errors[0], { errors });
  const units = await unitIdsOf(db, ctx.organizationId, [...new Set([...(next.unitCode && next.unitCode !== before.unitCode ? [next.unitCode] : []), ...next.portfolioUnitCodes])]);
  const unitId = next.unitCode === before.unitCode ? await currentUnitId(db, userId) : next.unitCode ? units.get(next.unitCode)! : null;
  if (userId === ctx.actorUserId && (!active || !next.roles.includes('admin'))) {
    fail('ADMIN_SELF_LOCKOUT', 'Quản trị viên không tự khóa tài khoản hay bỏ vai trò quản trị của chính mình.');
  }
  await assertNobodyLeftAlone(db, ctx.organizationId, before, { ...next, unitId, active });
  await db.query(`UPDATE users SET full_name = $2, title = $3, email = $4, unit_id = $5, roles = $6, is_active = $7 WHERE id = $1`, [
    userId,
    next.fullName,
    next.title,
    next.email,
    unitId,
    next.roles,
    active,
  ]);
  await db.query(`DELETE FROM deputy_portfolios WHERE user_id = $1`, [userId]);
  for (const code of next.portfolioUnitCodes) {
    const id = units.get(code) ?? (await unitIdsOf(db, ctx.organizationId, [code])).get(code);
    await db.query(`INSERT INTO deputy_portfolios (user_id, unit_id) VALUES ($1, $2)`, [userId, id]);
  }
  if (before.active && !active) {
    await revokeSessions(db, userId);
    await db.query(`UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }
  const after = await getPerson(db, ctx.organizationId, userId);
  if (JSON.stringify(personAudit(before)) !== JSON.stringify(personAudit(after))) {
    await recordAdminAudit(db, { ...audit(ctx), action: 'user.update', targetType: 'user', targetId: userId, before: personAudit(before), after: personAudit(after) });
  }
  return after;
}

async function currentUnitId(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.query(`SELECT unit_id FROM users WHERE id = $1`, [userId]);
  return row?.unit_id ?? null;
}

/**
 * Open tasks never wait on an inactive person alone: a change that takes away the last active
 * head of a unit with open tasks (who submits its drafts and gives its opinions), the last active
 * director (who approves when nobody else may) or the last active monitor (who records the events
 * tasks wait for) while tasks are open is refused until somebody else holds the role.
 */
async function assertNobodyLeftAlone(
  db: Db,
  organizationId: string,
  before: PersonRow,
  after: { roles: string[]; unitId: string | null; active: boolean },
): Promise<void> {
  if (!before.active) return;
  const holds = (role: string) => after.active && after.roles.includes(role);
  const beforeUnitId = await currentUnitId(db, before.id);
  const openTasks = new OpenTasksRepository(db);
  if (before.roles.includes('unitHead') && beforeUnitId && !(holds('unitHead') && after.unitId === beforeUnitId)) {
    const [{ others }]: Array<{ others: number }> = await db.query(
      `SELECT count(*)::int AS others FROM users WHERE unit_id = $1 AND is_active AND 'unitHead' = ANY(roles) AND id <> $2`,
      [beforeUnitId, before.id],
    );
    // The open tasks are counted only when nobody else holds the role (they would not matter).
    const open = others === 0 ? await openTasks.countOfUnit(organizationId, beforeUnitId) : 0;
    if (open > 0) {
      fail('USER_SOLE_DECIDER', `${before.fullName} là trưởng đơn vị duy nhất của ${before.unitCode}, đơn vị còn ${open} nhiệm vụ đang mở: giao vai trò trưởng đơn vị cho người khác trước.`, {
        role: 'unitHead',
        openTasks: open,
      });
    }
  }
  for (const role of ['director', 'monitor'] as const) {
    if (!before.roles.includes(role) || holds(role)) continue;
    const [{ others }]: Array<{ others: number }> = await db.query(
      `SELECT count(*)::int AS others FROM users WHERE organization_id = $1 AND is_active AND $2 = ANY(roles) AND id <> $3`,
      [organizationId, role, before.id],
    );
    const open = others === 0 ? await openTasks.countOfOrganization(organizationId) : 0;
    if (open > 0) {
      const label = role === 'director' ? 'Giám đốc' : 'người theo dõi, đôn đốc';
      fail('USER_SOLE_DECIDER', `${before.fullName} là ${label} duy nhất còn hoạt động và cơ quan còn ${open} nhiệm vụ đang mở: giao vai trò cho người khác trước.`, {
        role,
        openTasks: open,
      });
    }
  }
}

/** Sends a new invitation (the earlier links stop working). */
export async function resendInvitation(db: Db, ctx: DirectoryContext, userId: string): Promise<{ emailId: string | null; expiresAt: Date }> {
  const person = await getPerson(db, ctx.organizationId, userId);
  if (!person.active) fail('ACCOUNT_DISABLED', 'Tài khoản đã bị khóa: mở khóa trước khi gửi lời mời.');
  if (!person.email) fail('VALIDATION_FAILED', 'Người dùng chưa có địa chỉ e-mail.');
  const issued = await issueAccountToken(db, { userId, purpose: 'invitation', publicUrl: ctx.publicUrl });
  await recordAdminAudit(db, { ...audit(ctx), action: 'invitation.send', targetType: 'user', targetId: userId, after: { username: person.username, email: person.email } });
  return { emailId: issued.emailId, expiresAt: issued.expiresAt };
}
