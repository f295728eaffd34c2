import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  candidateTaskRows,
  DomainError,
  normalizeUnitText,
  parsePlanFile,
  ParsedTask,
  PlanParseResult,
  PROSE_SECTION,
  proseReadingOfFile,
  ProseTaskCandidate,
  UnitDirectory,
  withSeparateAppendix,
} from '@app/domain';
import { countPlanRows, findPlanByKey, listPlanRows, loadWorkingCalendarConfig } from '@app/persistence';
import { importPlan, loadLifecycleSettings, loadUnitDirectory, planKeyOf, planRowWorkflowId, TaskWorkflowStarter, withMilestoneSchedule } from '@app/temporal';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { organizationOf } from '../common/actor-organization';
import { effectiveRoles } from '../tasks/task-access';
import { PLAN_FILE_TYPES, recognizeFile, safeFileName } from '../uploads/file-type';
import type { UploadedFileData } from '../uploads/uploaded-file';
import { diffPlanRows, PlanRowContent, StoredPlanRow } from './plan-diff';
import { ChosenCandidateDto, ConfirmPlanImportBody, PlanDiffDto, PlanImportConfirmationDto, PlanImportDto, UnitMappingDto } from './plan-import.dto';

/** What `plan_imports.parse_result` holds. */
interface StoredPreview {
  parse: PlanParseResult;
  candidates: ProseTaskCandidate[];
}

/** A plan file, and the appendix file sent beside it (when the appendix is a file of its own). */
interface ImportFiles {
  fileName: string;
  content: Buffer;
  appendix: { fileName: string; content: Buffer } | null;
}

interface ImportRow {
  id: string;
  organization_id: string;
  uploaded_by: string | null;
  file_name: string;
  appendix_file_name: string | null;
  sha256: string;
  size: number;
  plan_key: string | null;
  parse_result: StoredPreview;
  plan_year: number | null;
  unit_mappings: UnitMappingDto[];
  status: 'previewed' | 'confirmed' | 'discarded';
  created_at: Date;
  confirmed_at: Date | null;
  confirm_result: PlanImportConfirmationDto | null;
  plan_id: string | null;
}

const IMPORT_COLUMNS = `id, organization_id, uploaded_by, file_name, appendix_file_name, sha256, size, plan_key, parse_result, plan_year, unit_mappings, status,
  created_at, confirmed_at, confirm_result, plan_id`;

/** Who may import plans: the monitor (WORKFLOW.md: "monitor … import plans"), and nobody else. */
export function assertMayImportPlans(actor: Actor): void {
  if (!effectiveRoles(actor).includes('monitor')) {
    throw new DomainError('FORBIDDEN', 'Chỉ bộ phận theo dõi, đôn đốc kế hoạch (Văn phòng Sở) được nhập kế hoạch.');
  }
}

const rowKeyOf = (task: Pick<ParsedTask, 'section' | 'ordinal'>) => `${task.section}.${task.ordinal}`;

/** Refuses a preview that cannot be imported as it stands (errors, no task, warnings not accepted). */
function assertConfirmable(parse: PlanParseResult, body: ConfirmPlanImportBody): void {
  // A year the calendar cannot count has its own code (issue 16), naming the year.
  const uncountable = parse.errors.find((e) => e.code === 'CALENDAR_YEAR_UNSUPPORTED');
  if (uncountable) {
    throw new DomainError('CALENDAR_YEAR_UNSUPPORTED', uncountable.message, { errors: parse.errors.filter((e) => e.code === 'CALENDAR_YEAR_UNSUPPORTED') });
  }
  if (parse.errors.length) {
    throw new DomainError(
      'PLAN_HAS_ERRORS',
      `Kế hoạch còn ${parse.errors.length} lỗi cần sửa trước khi nhập; chưa có gì được lưu.`,
      { errors: parse.errors },
    );
  }
  if (!parse.tasks.length) throw new DomainError('PLAN_HAS_NO_TASKS', 'Không tìm thấy nhiệm vụ nào trong tệp kế hoạch.');
  assertWarningsAccepted(parse, body);
}

/** Every warning of the preview is accepted: all of them (`acceptWarnings`) or by code. */
function assertWarningsAccepted(parse: PlanParseResult, body: ConfirmPlanImportBody): void {
  const accepted = new Set(body.acceptWarnings ? parse.warnings.map((w) => w.code) : (body.acceptedWarnings ?? []));
  const unaccepted = [...new Set(parse.warnings.map((w) => w.code))].filter((code) => !accepted.has(code));
  if (unaccepted.length) {
    throw new DomainError('WARNINGS_NOT_ACCEPTED', `Cần xem và chấp nhận các cảnh báo trước khi nhập: ${unaccepted.join(', ')}.`, {
      codes: unaccepted,
      warnings: parse.warnings.filter((w) => unaccepted.includes(w.code)),
    });
  }
}

/** A confirmed or discarded import keeps its preview as it is: 409, as for a second discard or confirm. */
function assertStillPreviewed(row: Pick<ImportRow, 'id' | 'status'>): void {
  if (row.status === 'confirmed') {
    throw new DomainError('PLAN_IMPORT_CONFIRMED', 'Bản nhập này đã được xác nhận; không thể đổi đơn vị của bản xem trước.', { id: row.id });
  }
  if (row.status === 'discarded') throw new DomainError('PLAN_IMPORT_DISCARDED', 'Bản nhập này đã bị hủy; hãy tải tệp lên lại.', { id: row.id });
}

/** The advisory lock of an import's plan: confirms of that plan and unit mappings run one at a time. */
function importLockKey(row: Pick<ImportRow, 'id' | 'organization_id' | 'plan_key'>): string {
  return `plan-import:${row.organization_id}:${row.plan_key ?? row.id}`;
}

/** The unit names a parse reports as unknown (UNKNOWN_UNIT), by normalized form, as the file wrote them. */
function unresolvedUnitNames(parse: PlanParseResult): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of parse.errors) if (e.code === 'UNKNOWN_UNIT' && e.raw) names.set(normalizeUnitText(e.raw), e.raw);
  return names;
}

/** The directory with each mapped name as one more spelling of its unit, for this import's reading only. */
function withAliases(directory: UnitDirectory, mappings: ReadonlyArray<{ name: string; unitCode: string }>): UnitDirectory {
  if (!mappings.length) return directory;
  return {
    ...directory,
    units: directory.units.map((u) => {
      const extra = mappings.filter((m) => m.unitCode === u.code).map((m) => m.name);
      return extra.length ? { ...u, aliases: [...u.aliases, ...extra] } : u;
    }),
  };
}

/** A parsed row in the terms the stored task keeps (`lead_raw`… as the importer writes them). */
function contentOf(task: ParsedTask): PlanRowContent {
  return {
    rowKey: rowKeyOf(task),
    title: task.title,
    lead: task.lead.map((r) => r.raw).join(', '),
    coordinating: task.coordinating.map((r) => r.raw).join(', '),
    timeline: task.timeline,
  };
}

/**
 * Plan import over HTTP: upload → preview (parse, prose candidates, diff against the stored plan of
 * the same title and year) → confirm (importPlan) or discard. Nothing of a plan is stored before
 * confirm; the upload itself is kept (plan_imports) so the preview a person accepted is exactly
 * what confirm imports.
 *
 * Re-import of a changed file (the plan exists): only what cannot lose or duplicate a task is
 * applied. Rows that are the same (key and content) are passed to the importer again, which stores
 * nothing for them and starts any workflow a crash left unstarted. New rows get new tasks when
 * their key (section.STT) is free. Everything else is reported and left to a person: a removed row
 * keeps its running task (leadership cancels it), a changed row keeps the task's content (the
 * lead unit names units, leadership reassigns or extends), a renumbered row stays under its old
 * key, and a new row whose key belongs to another task is not imported (it is added by hand).
 */
@Injectable()
export class PlanImportService {
  private readonly logger = new Logger(PlanImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly starter: TaskWorkflowStarter,
  ) {}

  async upload(actor: Actor, file: UploadedFileData | undefined, year?: number, appendixFile?: UploadedFileData): Promise<PlanImportDto> {
    assertMayImportPlans(actor);
    if (!file) throw new DomainError('FILE_REQUIRED', 'Chưa có tệp kế hoạch: gửi tệp trong trường "file" (multipart/form-data).');
    const fileName = safeFileName(file.originalname);
    const content = file.buffer;
    recognizeFile(fileName, content, PLAN_FILE_TYPES);
    let appendix: ImportFiles['appendix'] = null;
    if (appendixFile) {
      appendix = { fileName: safeFileName(appendixFile.originalname), content: appendixFile.buffer };
      recognizeFile(appendix.fileName, appendix.content, PLAN_FILE_TYPES);
    }
    const organizationId = organizationOf(actor);
    const [org] = await this.dataSource.query(`SELECT code FROM organizations WHERE id = $1`, [organizationId]);
    const directory = await loadUnitDirectory(this.dataSource, org.code);
    // PlanFileError (UNSUPPORTED_FILE, UNREADABLE_FILE) carries its own code and Vietnamese message.
    const read = await readImport({ fileName, content, appendix }, directory, year);
    const preview: StoredPreview = { ...read, parse: await this.scheduled(organizationId, read.parse) };
    const planKey = preview.parse.tasks.length || preview.candidates.length ? planKeyOf(preview.parse, fileName) : null;
    const [row]: ImportRow[] = await this.dataSource.query(
      `INSERT INTO plan_imports (organization_id, uploaded_by, file_name, sha256, size, content, plan_year, plan_key, parse_result,
                                 appendix_file_name, appendix_content)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
       RETURNING ${IMPORT_COLUMNS}`,
      [
        organizationId,
        actor.userId,
        fileName,
        createHash('sha256').update(content).digest('hex'),
        content.length,
        content,
        year ?? null,
        planKey,
        preview,
        appendix?.fileName ?? null,
        appendix?.content ?? null,
      ],
    );
    return this.toDto(row);
  }

  /** Every milestone with its working end and, for recurring rows, its rounds (issue 16), on the organization's calendar. */
  private async scheduled(organizationId: string, parse: PlanParseResult): Promise<PlanParseResult> {
    return withMilestoneSchedule(parse, await loadWorkingCalendarConfig(this.dataSource, organizationId), await loadLifecycleSettings(this.dataSource, organizationId));
  }

  async get(actor: Actor, id: string): Promise<PlanImportDto> {
    assertMayImportPlans(actor);
    return this.toDto(await this.load(actor, id));
  }

  async discard(actor: Actor, id: string): Promise<PlanImportDto> {
    assertMayImportPlans(actor);
    const row = await this.load(actor, id);
    if (row.status === 'confirmed') {
      throw new DomainError('PLAN_IMPORT_CONFIRMED', 'Bản nhập này đã được xác nhận, không thể hủy; hãy hủy từng nhiệm vụ nếu cần.', { id });
    }
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [[updated]]: [ImportRow[], number] = await this.dataSource.query(
      `UPDATE plan_imports SET status = 'discarded' WHERE id = $1 AND status <> 'confirmed' RETURNING ${IMPORT_COLUMNS}`,
      [id],
    );
    // A confirm finished in between: that answer stands.
    return this.toDto(updated ?? (await this.load(actor, id)));
  }

  async confirm(actor: Actor, id: string, body: ConfirmPlanImportBody): Promise<PlanImportConfirmationDto> {
    assertMayImportPlans(actor);
    const first = await this.load(actor, id);
    if (first.status === 'confirmed' && first.confirm_result) return first.confirm_result;
    if (first.status === 'discarded') throw new DomainError('PLAN_IMPORT_DISCARDED', 'Bản nhập này đã bị hủy; hãy tải tệp lên lại.', { id });
    if (body.candidates?.length) return this.confirmCandidates(actor, first, body);
    assertConfirmable(first.parse_result.parse, body);
    const planKey = first.plan_key!;
    // One confirm at a time per plan of the organization: the second of two concurrent confirms
    // (the same import twice, or two files of the same plan) sees what the first stored. Unit
    // mappings take the same lock, so the preview checked here is the one imported.
    return this.withLock(importLockKey(first), async () => {
      const row = await this.load(actor, id);
      if (row.status === 'confirmed' && row.confirm_result) return row.confirm_result;
      if (row.status === 'discarded') throw new DomainError('PLAN_IMPORT_DISCARDED', 'Bản nhập này đã bị hủy; hãy tải tệp lên lại.', { id });
      const { parse } = row.parse_result;
      assertConfirmable(parse, body);
      const result = await this.apply(actor, row, parse, planKey);
      const [[done]]: [ImportRow[], number] = await this.dataSource.query(
        `UPDATE plan_imports SET status = 'confirmed', confirmed_at = $2, confirmed_by = $3, plan_id = $4, confirm_result = $5
         WHERE id = $1 AND status = 'previewed' RETURNING ${IMPORT_COLUMNS}`,
        [id, result.confirmedAt, actor.userId, result.planId, result],
      );
      return done?.confirm_result ?? result;
    });
  }

  /**
   * Sets the units the monitor chose for the names of the file the directory does not know (the
   * whole set: `[]` removes them all) and answers the preview read again with them: the rows name
   * the chosen units, their UNKNOWN_UNIT errors are gone, confirm imports them so. The mappings
   * belong to this import only; the directory is not changed. Only names the file really leaves
   * unresolved can be mapped, and only to units of the organization's directory; a refused
   * request stores nothing.
   */
  async mapUnits(actor: Actor, id: string, mappings: UnitMappingDto[]): Promise<PlanImportDto> {
    assertMayImportPlans(actor);
    const row = await this.load(actor, id);
    assertStillPreviewed(row);
    const [org] = await this.dataSource.query(`SELECT code FROM organizations WHERE id = $1`, [row.organization_id]);
    const directory = await loadUnitDirectory(this.dataSource, org.code);
    const chosen = mappings.map((m) => ({ name: m.name.trim(), unitCode: m.unitCode }));

    const codes = new Set(directory.units.map((u) => u.code));
    const unknownCodes = [...new Set(chosen.map((m) => m.unitCode))].filter((code) => !codes.has(code));
    if (unknownCodes.length) {
      throw new DomainError(
        'UNIT_NOT_FOUND',
        `Không có đơn vị mã ${unknownCodes.join(', ')} trong danh mục đơn vị của ${directory.organizationName}; hãy chọn một đơn vị trong danh mục.`,
        { unitCodes: unknownCodes },
      );
    }
    const seen = new Set<string>();
    const repeated = chosen.filter((m) => (seen.has(normalizeUnitText(m.name)) ? true : (seen.add(normalizeUnitText(m.name)), false)));
    if (repeated.length) {
      throw new DomainError('UNIT_MAPPING_DUPLICATE', `Tên đơn vị "${repeated[0].name}" được chọn đơn vị hơn một lần; mỗi tên chỉ chọn một đơn vị.`, {
        names: repeated.map((m) => m.name),
      });
    }

    const files = await this.filesOf(row);
    const planYear = row.plan_year ?? undefined;
    // The names to map are those the file leaves unknown to the directory as it is now.
    const unresolved = unresolvedUnitNames((await readImport(files, directory, planYear)).parse);
    const strangers = chosen.filter((m) => !unresolved.has(normalizeUnitText(m.name)));
    if (strangers.length) {
      throw new DomainError(
        'UNIT_MAPPING_NAME_UNKNOWN',
        `Tên "${strangers[0].name}" không phải tên đơn vị chưa xác định của bản xem trước này; chỉ chọn đơn vị cho các tên được báo lỗi.`,
        { names: strangers.map((m) => m.name), unresolved: [...unresolved.values()] },
      );
    }
    const parse = await this.scheduled(row.organization_id, (await readImport(files, withAliases(directory, chosen), planYear)).parse);
    const preview: StoredPreview = { parse, candidates: row.parse_result.candidates };
    const planKey = parse.tasks.length ? planKeyOf(parse, row.file_name) : null;

    return this.withLock(importLockKey(row), async () => {
      // The mappings and the preview read with them in one statement: never one without the other.
      const [[updated]]: [ImportRow[], number] = await this.dataSource.query(
        `UPDATE plan_imports SET unit_mappings = $2, parse_result = $3, plan_key = $4
         WHERE id = $1 AND status = 'previewed' RETURNING ${IMPORT_COLUMNS}`,
        [row.id, JSON.stringify(chosen), preview, planKey],
      );
      if (!updated) assertStillPreviewed(await this.load(actor, id));
      this.logger.log({ importId: row.id, userId: actor.userId, mappings: chosen.length, errors: parse.errors.length }, 'plan import units mapped');
      return this.toDto(updated);
    });
  }

  /**
   * Confirm of a prose plan: the chosen candidates (edited or not) become the plan's tasks, one
   * workflow each (`plan-<plan>-row-VB.<candidate id>`), through the same importer as appendix rows.
   * Every chosen candidate is checked first (known id, units of the directory, a readable timeline, a
   * lead); one problem refuses them all with 422 CANDIDATES_REFUSED and nothing is stored. The import is
   * then closed: a second confirm answers the first answer, and the same choice from another upload
   * of the file finds its tasks (same workflow ids) and creates nothing.
   */
  private async confirmCandidates(actor: Actor, first: ImportRow, body: ConfirmPlanImportBody): Promise<PlanImportConfirmationDto> {
    const check = (row: ImportRow) => {
      const { parse, candidates } = row.parse_result;
      if (!candidates?.length || parse.planYear === null) {
        throw new DomainError('PLAN_HAS_NO_CANDIDATES', 'Bản xem trước này không có nhiệm vụ đề xuất từ văn bản để chọn; chưa có gì được lưu.', { id: row.id });
      }
      const errors = blockingErrorsOf(parse, candidates);
      if (errors.length) {
        throw new DomainError('PLAN_HAS_ERRORS', `Kế hoạch còn ${errors.length} lỗi cần sửa trước khi nhập; chưa có gì được lưu.`, { errors });
      }
      assertWarningsAccepted(parse, body);
    };
    check(first);
    return this.withLock(importLockKey(first), async () => {
      const row = await this.load(actor, first.id);
      if (row.status === 'confirmed' && row.confirm_result) return row.confirm_result;
      if (row.status === 'discarded') throw new DomainError('PLAN_IMPORT_DISCARDED', 'Bản nhập này đã bị hủy; hãy tải tệp lên lại.', { id: row.id });
      check(row);
      const { parse, candidates } = row.parse_result;
      const [org] = await this.dataSource.query(`SELECT code FROM organizations WHERE id = $1`, [row.organization_id]);
      const directory = await loadUnitDirectory(this.dataSource, org.code);
      const chosen: ChosenCandidateDto[] = body.candidates ?? [];
      const { tasks, problems } = candidateTaskRows(candidates, chosen, directory, { planYear: parse.planYear!, planEndYear: parse.planEndYear ?? parse.planYear! });
      if (problems.length) throw candidatesRefused(problems);

      const [content] = await this.dataSource.query(`SELECT content FROM plan_imports WHERE id = $1`, [row.id]);
      const report = await importPlan(this.dataSource, this.starter, {
        organizationCode: org.code,
        fileName: row.file_name,
        content: content.content as Buffer,
        parse: { ...parse, errors: [], sections: [PROSE_SECTION], tasks },
      });
      const planKey = planKeyOf(parse, row.file_name);
      const planTasks = await countPlanRows(this.dataSource, report.planId);
      const pieces = [`Đã nhập ${report.tasksCreated} nhiệm vụ mới từ ${tasks.length} nhiệm vụ đề xuất đã chọn`];
      if (report.childTasksCreated) pieces.push(`${report.childTasksCreated} nhiệm vụ giao từng đơn vị`);
      if (report.tasksExisting) pieces.push(`${report.tasksExisting} nhiệm vụ đã có`);
      const result: PlanImportConfirmationDto = {
        importId: row.id,
        planId: report.planId,
        planKey,
        tasksCreated: report.tasksCreated,
        childTasksCreated: report.childTasksCreated,
        tasksExisting: report.tasksExisting,
        planTasks,
        notImported: [],
        diff: null,
        confirmedAt: new Date().toISOString(),
        summary: `${pieces.join(', ')}.`,
        candidates: tasks.map((t) => ({ id: t.ordinal, rowKey: `${t.section}.${t.ordinal}`, workflowId: planRowWorkflowId(report.planId, t.section, t.ordinal) })),
      };
      this.logger.log({ importId: row.id, planId: report.planId, userId: actor.userId, chosen: tasks.length, created: report.tasksCreated }, 'plan import confirmed (prose candidates)');
      const [[done]]: [ImportRow[], number] = await this.dataSource.query(
        `UPDATE plan_imports SET status = 'confirmed', confirmed_at = $2, confirmed_by = $3, plan_id = $4, confirm_result = $5, plan_key = $6
         WHERE id = $1 AND status = 'previewed' RETURNING ${IMPORT_COLUMNS}`,
        [row.id, result.confirmedAt, actor.userId, result.planId, result, planKey],
      );
      return done?.confirm_result ?? result;
    });
  }

  /** The files of a stored import, as uploaded. */
  private async filesOf(row: ImportRow): Promise<ImportFiles> {
    const [stored] = await this.dataSource.query(`SELECT content, appendix_content FROM plan_imports WHERE id = $1`, [row.id]);
    return {
      fileName: row.file_name,
      content: stored.content as Buffer,
      appendix: row.appendix_file_name && stored.appendix_content ? { fileName: row.appendix_file_name, content: stored.appendix_content as Buffer } : null,
    };
  }

  private async apply(actor: Actor, row: ImportRow, parse: PlanParseResult, planKey: string): Promise<PlanImportConfirmationDto> {
    const existing = await this.storedPlan(row.organization_id, planKey);
    const diff = existing ? await this.diffAgainst(existing, parse) : null;
    let tasks = parse.tasks;
    const notImported: PlanImportConfirmationDto['notImported'] = [];
    if (diff) {
      const keep = new Set([...diff.unchanged, ...diff.added.filter((a) => a.importable).map((a) => a.rowKey)]);
      tasks = parse.tasks.filter((t) => keep.has(rowKeyOf(t)));
      for (const a of diff.added.filter((x) => !x.importable)) {
        notImported.push({ rowKey: a.rowKey, title: a.title, reason: `Số thứ tự ${a.rowKey} đã thuộc về một nhiệm vụ khác của kế hoạch (các dòng được đánh số lại); cần thêm nhiệm vụ này bằng tay.` });
      }
      for (const c of diff.changed) {
        notImported.push({ rowKey: c.rowKey, title: c.title, reason: `Nội dung dòng ${c.rowKey} khác nhiệm vụ đang chạy (${c.changes.map((x) => x.field).join(', ')}); nhiệm vụ giữ nguyên, cần điều chỉnh bằng thao tác trên nhiệm vụ.` });
      }
      for (const m of diff.moved) {
        notImported.push({ rowKey: m.to, title: m.title, reason: `Dòng ${m.to} là nhiệm vụ ${m.from} đã có (đánh số lại); không tạo thêm.` });
      }
    }
    const [org] = await this.dataSource.query(`SELECT code FROM organizations WHERE id = $1`, [row.organization_id]);
    let report = { planId: existing?.id ?? '', tasksCreated: 0, tasksExisting: 0, childTasksCreated: 0 };
    if (tasks.length) {
      const [content] = await this.dataSource.query(`SELECT content FROM plan_imports WHERE id = $1`, [row.id]);
      report = await importPlan(this.dataSource, this.starter, {
        organizationCode: org.code,
        fileName: row.file_name,
        content: content.content as Buffer,
        parse: { ...parse, tasks },
      });
    }
    const planTasks = await countPlanRows(this.dataSource, report.planId);
    this.logger.log({ importId: row.id, planId: report.planId, userId: actor.userId, created: report.tasksCreated, notImported: notImported.length }, 'plan import confirmed');
    const pieces = [`Đã nhập ${report.tasksCreated} nhiệm vụ mới`];
    if (report.childTasksCreated) pieces.push(`${report.childTasksCreated} nhiệm vụ giao từng đơn vị`);
    if (report.tasksExisting) pieces.push(`${report.tasksExisting} nhiệm vụ đã có`);
    if (notImported.length) pieces.push(`${notImported.length} dòng cần xử lý bằng tay`);
    if (diff?.removed.length) pieces.push(`${diff.removed.length} nhiệm vụ không còn trong tệp vẫn tiếp tục chạy`);
    return {
      importId: row.id,
      planId: report.planId,
      planKey,
      tasksCreated: report.tasksCreated,
      childTasksCreated: report.childTasksCreated,
      tasksExisting: report.tasksExisting,
      planTasks,
      notImported,
      diff,
      confirmedAt: new Date().toISOString(),
      summary: `${pieces.join(', ')}.`,
    };
  }

  private async load(actor: Actor, id: string): Promise<ImportRow> {
    const [row]: ImportRow[] = await this.dataSource.query(`SELECT ${IMPORT_COLUMNS} FROM plan_imports WHERE id = $1 AND organization_id = $2`, [
      id,
      organizationOf(actor),
    ]);
    if (!row) throw new DomainError('PLAN_IMPORT_NOT_FOUND', 'Không tìm thấy bản nhập kế hoạch.', { id });
    return row;
  }

  private async storedPlan(organizationId: string, planKey: string): Promise<{ id: string; title: string } | undefined> {
    return findPlanByKey(this.dataSource, organizationId, planKey);
  }

  private async diffAgainst(plan: { id: string; title: string }, parse: PlanParseResult): Promise<PlanDiffDto> {
    const stored: StoredPlanRow[] = (await listPlanRows(this.dataSource, plan.id)).map((t) => ({
      taskId: t.id,
      rowKey: t.row_key,
      title: t.title,
      lead: t.lead_raw,
      coordinating: t.coordinating_raw,
      timeline: t.timeline_raw,
      state: t.state,
      statusWord: t.status_word,
    }));
    return { planId: plan.id, planTitle: plan.title, ...diffPlanRows(stored, parse.tasks.map(contentOf)) };
  }

  private async toDto(row: ImportRow): Promise<PlanImportDto> {
    const { parse, candidates } = row.parse_result;
    const importable = parse.errors.length === 0 && parse.tasks.length > 0;
    const kind = importKindOf(parse, candidates);
    let diff: PlanDiffDto | null = null;
    if (row.status === 'confirmed') diff = row.confirm_result?.diff ?? null;
    else if (row.plan_key) {
      const plan = await this.storedPlan(row.organization_id, row.plan_key);
      if (plan) diff = await this.diffAgainst(plan, parse);
    }
    return {
      id: row.id,
      status: row.status,
      fileName: row.file_name,
      size: row.size,
      sha256: row.sha256,
      createdAt: new Date(row.created_at).toISOString(),
      uploadedBy: row.uploaded_by,
      parse,
      candidates,
      importable,
      kind,
      blockingErrors: blockingErrorsOf(parse, candidates),
      diff,
      planId: row.plan_id,
      confirmedAt: row.confirmed_at ? new Date(row.confirmed_at).toISOString() : null,
      confirmation: row.confirm_result,
      unitMappings: row.unit_mappings ?? [],
    };
  }

  /** Runs `fn` holding a Postgres advisory lock (session level, on a connection of its own). */
  private async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [key]);
      try {
        return await fn();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
      }
    } finally {
      await runner.release();
    }
  }
}

/**
 * What a preview shows for the files of an import: the plan parsed (with its appendix file when one
 * was sent: header from the plan, rows from the appendix) and, for a plan without an appendix table,
 * the candidates read from its prose with their warnings (APPENDIX_NOT_ATTACHED).
 */
async function readImport(files: ImportFiles, directory: UnitDirectory, year?: number): Promise<StoredPreview> {
  const plan = await parsePlanFile({ fileName: files.fileName, content: files.content }, { directory, planYear: year });
  if (files.appendix) {
    const years = { planYear: year ?? plan.planYear ?? undefined, planEndYear: year === undefined ? (plan.planEndYear ?? undefined) : undefined };
    const rows = await parsePlanFile(files.appendix, { directory, ...years });
    return { parse: withSeparateAppendix(plan, rows), candidates: [] };
  }
  const prose = await proseReadingOfFile({ fileName: files.fileName, content: files.content }, plan, directory);
  return { parse: prose.warnings.length ? { ...plan, warnings: [...plan.warnings, ...prose.warnings] } : plan, candidates: prose.candidates };
}

/** The table parser's errors that only say the file has no appendix table: for a prose plan that is what it is, not a fault. */
const TABLE_ERRORS = new Set(['HEADER_NOT_FOUND']);

/** A prose plan: no appendix table, tasks proposed from its sentences (confirmed by choosing them). */
function importKindOf(parse: PlanParseResult, candidates: readonly unknown[] | undefined): 'table' | 'prose' {
  return (candidates?.length ?? 0) > 0 && parse.tasks.length === 0 ? 'prose' : 'table';
}

/** What stops the confirmation of this kind of plan: every error, but for a prose plan those of the missing table. */
function blockingErrorsOf(parse: PlanParseResult, candidates: readonly unknown[] | undefined): PlanParseResult['errors'] {
  return importKindOf(parse, candidates) === 'prose' ? parse.errors.filter((e) => !TABLE_ERRORS.has(e.code)) : parse.errors;
}

/** The chosen candidates refused: every problem, each naming its candidate; nothing stored. */
function candidatesRefused(problems: ReturnType<typeof candidateTaskRows>['problems']): DomainError {
  const first = problems[0];
  const more = problems.length > 1 ? ` (và ${problems.length - 1} lỗi khác)` : '';
  return new DomainError('CANDIDATES_REFUSED', `${first.message}${more} Chưa có gì được lưu.`, { problems });
}

