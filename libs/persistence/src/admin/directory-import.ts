import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { foldForSearch, ROLE_LABELS, ROLES } from '@app/domain';
import { recordAdminAudit } from './admin-audit';
import {
  createPerson,
  createUnit,
  DirectoryContext,
  EMAIL,
  listPeople,
  listUnits,
  PersonRow,
  UNIT_CODE,
  UNIT_KINDS,
  updatePerson,
  updateUnit,
  USERNAME,
} from './directory';

type Db = DataSource | EntityManager;

/** The rows of a directory spreadsheet as read (cell texts, trimmed), with their row numbers. */
export interface DirectoryFileRows {
  units: Array<{ row: number; code: string; name: string; kind: string; aliases: string }>;
  people: Array<{ row: number; username: string; fullName: string; title: string; email: string; unitCode: string; roles: string }>;
  portfolios: Array<{ row: number; username: string; unitCode: string }>;
}

export type DirectorySheet = 'units' | 'people' | 'portfolios';

export interface DirectoryRowError {
  sheet: DirectorySheet;
  row: number;
  column: string;
  code: 'INVALID_CODE' | 'INVALID_VALUE' | 'DUPLICATE_UNIT' | 'DUPLICATE_USERNAME' | 'BAD_EMAIL' | 'UNKNOWN_ROLE' | 'UNKNOWN_UNIT' | 'UNKNOWN_PERSON' | 'NOT_A_DEPUTY';
  message: string;
}

interface UnitChange {
  code: string;
  name: string;
  kind: 'internal' | 'affiliated';
  aliases: string[];
}
interface PersonChange {
  username: string;
  fullName: string;
  title: string;
  email: string;
  unitCode: string | null;
  roles: string[];
  portfolioUnitCodes: string[];
}

export interface DirectoryImportPlan {
  errors: DirectoryRowError[];
  units: { create: UnitChange[]; update: Array<{ code: string; before: UnitChange; after: UnitChange }>; unchanged: number };
  people: { create: PersonChange[]; update: Array<{ username: string; before: PersonChange; after: PersonChange }>; unchanged: number };
  /** No errors: confirm may store it. */
  importable: boolean;
  /** Nothing to change: the directory already says what the file says. */
  noChanges: boolean;
  /** Of the changes (not the errors): confirm refuses a plan that moved since the preview. */
  fingerprint: string;
}

const split = (s: string) => s.split(/[;,\n]/).map((x) => x.trim()).filter(Boolean);
const ROLE_BY_WORD = new Map<string, string>([
  ...ROLES.map((r) => [r.toLowerCase(), r] as [string, string]),
  ...Object.entries(ROLE_LABELS).map(([r, label]) => [foldForSearch(label), r] as [string, string]),
]);

/**
 * What a directory file would change, row by row: each row's errors (unknown unit, duplicate
 * username, bad e-mail, unknown role…) and, against the directory as it is, the units and people it
 * creates or changes. Units and people the file does not name are left as they are. Pure reading.
 */
export async function planDirectoryImport(db: Db, organizationId: string, file: DirectoryFileRows): Promise<DirectoryImportPlan> {
  const errors: DirectoryRowError[] = [];
  const err = (sheet: DirectorySheet, row: number, column: string, code: DirectoryRowError['code'], message: string) => errors.push({ sheet, row, column, code, message });
  const units = await listUnits(db, organizationId, { includeInactive: true });
  const people = await listPeople(db, organizationId);
  const activeCodes = new Set(units.filter((u) => u.active).map((u) => u.code));

  const fileUnits = new Map<string, UnitChange>();
  for (const r of file.units) {
    const code = r.code.trim().toUpperCase();
    if (!UNIT_CODE.test(code)) {
      err('units', r.row, 'Mã đơn vị', 'INVALID_CODE', `Mã đơn vị "${r.code}" không hợp lệ (chữ in hoa không dấu, số, "-", "_", ".").`);
      continue;
    }
    if (fileUnits.has(code)) err('units', r.row, 'Mã đơn vị', 'DUPLICATE_UNIT', `Mã đơn vị ${code} có hai lần trong tệp.`);
    if (!r.name.trim()) err('units', r.row, 'Tên đơn vị', 'INVALID_VALUE', 'Tên đơn vị không được để trống.');
    const kind = kindOf(r.kind);
    if (!kind) err('units', r.row, 'Loại', 'INVALID_VALUE', `Loại đơn vị "${r.kind}" không hợp lệ: "thuộc Sở" (internal) hoặc "trực thuộc Sở" (affiliated).`);
    fileUnits.set(code, { code, name: r.name.trim().replace(/\s+/g, ' '), kind: kind ?? 'internal', aliases: split(r.aliases) });
  }
  const knownUnit = (code: string) => fileUnits.has(code) || activeCodes.has(code);

  const filePeople = new Map<string, PersonChange & { row: number }>();
  const globalTaken: Array<{ username: string; organization_id: string }> = file.people.length
    ? await db.query(`SELECT username, organization_id FROM users WHERE username = ANY($1::text[])`, [file.people.map((p) => p.username.trim().toLowerCase())])
    : [];
  for (const r of file.people) {
    const username = r.username.trim().toLowerCase();
    if (!USERNAME.test(username)) err('people', r.row, 'Tên đăng nhập', 'INVALID_VALUE', `Tên đăng nhập "${r.username}" không hợp lệ (chữ thường không dấu, số, ".", "_", "-").`);
    else if (filePeople.has(username)) err('people', r.row, 'Tên đăng nhập', 'DUPLICATE_USERNAME', `Tên đăng nhập ${username} có hai lần trong tệp (dòng ${filePeople.get(username)!.row}).`);
    else if (globalTaken.some((t) => t.username === username && t.organization_id !== organizationId)) {
      err('people', r.row, 'Tên đăng nhập', 'DUPLICATE_USERNAME', `Tên đăng nhập ${username} đã được dùng ở cơ quan khác.`);
    }
    if (!r.fullName.trim()) err('people', r.row, 'Họ và tên', 'INVALID_VALUE', 'Họ và tên không được để trống.');
    if (!EMAIL.test(r.email.trim())) err('people', r.row, 'E-mail', 'BAD_EMAIL', `Địa chỉ e-mail "${r.email}" không hợp lệ.`);
    const roles: string[] = [];
    for (const word of split(r.roles)) {
      const role = ROLE_BY_WORD.get(foldForSearch(word)) ?? ROLE_BY_WORD.get(word.toLowerCase());
      if (!role) err('people', r.row, 'Vai trò', 'UNKNOWN_ROLE', `Vai trò "${word}" không có (có: ${ROLES.map((x) => `${x} (${ROLE_LABELS[x]})`).join(', ')}).`);
      else if (!roles.includes(role)) roles.push(role);
    }
    if (!split(r.roles).length) err('people', r.row, 'Vai trò', 'UNKNOWN_ROLE', 'Cần ít nhất một vai trò.');
    const unitCode = r.unitCode.trim().toUpperCase() || null;
    if (unitCode && !knownUnit(unitCode)) err('people', r.row, 'Mã đơn vị', 'UNKNOWN_UNIT', `Không có đơn vị mã ${unitCode} trong tệp hay trong danh mục.`);
    if (!unitCode && (roles.includes('officer') || roles.includes('unitHead'))) {
      err('people', r.row, 'Mã đơn vị', 'UNKNOWN_UNIT', 'Chuyên viên và trưởng đơn vị phải thuộc một đơn vị.');
    }
    if (USERNAME.test(username) && !filePeople.has(username)) {
      filePeople.set(username, { row: r.row, username, fullName: r.fullName.trim().replace(/\s+/g, ' '), title: r.title.trim(), email: r.email.trim(), unitCode, roles, portfolioUnitCodes: [] });
    }
  }
  const existingPeople = new Map(people.map((p) => [p.username, p]));
  for (const r of file.portfolios) {
    const username = r.username.trim().toLowerCase();
    const code = r.unitCode.trim().toUpperCase();
    const target = filePeople.get(username);
    if (!target) {
      err('portfolios', r.row, 'Tên đăng nhập', 'UNKNOWN_PERSON', `Người dùng ${username} không có trên trang "Người dùng" của tệp.`);
      continue;
    }
    if (!target.roles.includes('deputyDirector')) err('portfolios', r.row, 'Tên đăng nhập', 'NOT_A_DEPUTY', `${username} không phải Phó Giám đốc: chỉ Phó Giám đốc có lĩnh vực phụ trách.`);
    if (!knownUnit(code)) err('portfolios', r.row, 'Mã đơn vị phụ trách', 'UNKNOWN_UNIT', `Không có đơn vị mã ${code} trong tệp hay trong danh mục.`);
    else if (!target.portfolioUnitCodes.includes(code)) target.portfolioUnitCodes.push(code);
  }

  const plan: DirectoryImportPlan = {
    errors,
    units: { create: [], update: [], unchanged: 0 },
    people: { create: [], update: [], unchanged: 0 },
    importable: errors.length === 0,
    noChanges: false,
    fingerprint: '',
  };
  const byCode = new Map(units.map((u) => [u.code, u]));
  for (const u of fileUnits.values()) {
    const existing = byCode.get(u.code);
    if (!existing) {
      plan.units.create.push(u);
      continue;
    }
    const before: UnitChange = { code: existing.code, name: existing.name, kind: existing.kind as UnitChange['kind'], aliases: existing.aliases };
    // A file row of a deactivated unit brings it back.
    if (JSON.stringify(before) === JSON.stringify(u) && existing.active) plan.units.unchanged += 1;
    else plan.units.update.push({ code: u.code, before, after: u });
  }
  for (const { row: _row, ...p } of filePeople.values()) {
    p.portfolioUnitCodes.sort();
    const existing = existingPeople.get(p.username);
    if (!existing) {
      plan.people.create.push(p);
      continue;
    }
    const before = personChangeOf(existing);
    if (JSON.stringify(before) === JSON.stringify(p)) plan.people.unchanged += 1;
    else plan.people.update.push({ username: p.username, before, after: p });
  }
  plan.noChanges = !plan.units.create.length && !plan.units.update.length && !plan.people.create.length && !plan.people.update.length;
  plan.fingerprint = createHash('sha256').update(JSON.stringify([plan.units.create, plan.units.update, plan.people.create, plan.people.update])).digest('hex');
  return plan;
}

function kindOf(raw: string): 'internal' | 'affiliated' | null {
  const k = foldForSearch(raw);
  if (!k || k === 'internal' || k === 'thuoc so' || k === 'thuoc') return 'internal';
  if (k === 'affiliated' || k === 'truc thuoc so' || k === 'truc thuoc') return 'affiliated';
  return (UNIT_KINDS as readonly string[]).includes(raw) ? (raw as 'internal' | 'affiliated') : null;
}

function personChangeOf(p: PersonRow): PersonChange {
  return { username: p.username, fullName: p.fullName, title: p.title, email: p.email ?? '', unitCode: p.unitCode, roles: p.roles, portfolioUnitCodes: [...p.portfolioUnitCodes].sort() };
}

/**
 * Stores a plan without errors, in the caller's transaction: units first (people name them), then
 * people (new ones get their invitation). A refusal of any change (a unit still leading open
 * tasks, the last head of a unit…) rolls the whole import back.
 */
export async function applyDirectoryImport(tx: EntityManager, ctx: DirectoryContext, plan: DirectoryImportPlan, importId: string) {
  for (const u of plan.units.create) await createUnit(tx, ctx, u);
  for (const u of plan.units.update) await updateUnit(tx, ctx, u.code, { name: u.after.name, kind: u.after.kind, aliases: u.after.aliases, active: true });
  const ids = new Map((await listPeople(tx, ctx.organizationId)).map((p) => [p.username, p.id]));
  let invitations = 0;
  for (const p of plan.people.create) {
    const created = await createPerson(tx, ctx, p);
    if (created.invitationEmailId) invitations += 1;
  }
  for (const p of plan.people.update) {
    const { username: _u, ...patch } = p.after;
    await updatePerson(tx, ctx, ids.get(p.username)!, patch);
  }
  const result = {
    unitsCreated: plan.units.create.length,
    unitsUpdated: plan.units.update.length,
    peopleCreated: plan.people.create.length,
    peopleUpdated: plan.people.update.length,
    invitationsSent: invitations,
  };
  await recordAdminAudit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.actorUserId, action: 'directory.import', targetType: 'directory_import', targetId: importId, after: result });
  return result;
}
