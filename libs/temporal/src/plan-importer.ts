import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { DataSource, EntityManager } from 'typeorm';
import {
  DEPARTMENT_GROUP_PHRASES,
  DomainError,
  foldForSearch,
  ParsedTask,
  PlanParseResult,
  UnitDirectory,
  UnitRef,
} from '@app/domain';
import type {
  GroupChildSpec,
  TaskLifecycleInput,
  UnitRef as WorkflowUnitRef,
} from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { loadWorkingCalendarConfig } from '@app/persistence';
import { lifecycleSettingsOf, milestoneSpecOf } from './lifecycle-input';
import type { TaskWorkflowStarter } from './task-workflow.starter';

/** Task rows stored per statement: one INSERT … SELECT FROM unnest per table and batch. */
const STORE_BATCH = 1000;

/**
 * Workflow starts in flight at once. Each start is one gRPC call the server answers after a write
 * to its persistence; the dev server (SQLite, one writer) gains nothing beyond a few in flight,
 * and a cluster takes more: measured with `npm run bench -- import-throughput` (README "Performance").
 */
export const IMPORT_START_CONCURRENCY = 16;

/** The organization's unit directory as the importer and the resolver need it. */
export async function loadUnitDirectory(ds: DataSource, organizationCode: string): Promise<UnitDirectory> {
  const [org] = await ds.query(`SELECT id, name FROM organizations WHERE code = $1`, [organizationCode]);
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', `Không tìm thấy tổ chức "${organizationCode}".`, { organizationCode });
  const units: Array<{ code: string; name: string; kind: 'internal' | 'affiliated'; aliases: string[] }> = await ds.query(
    `SELECT code, name, kind, aliases FROM units WHERE organization_id = $1 ORDER BY code`,
    [org.id],
  );
  return { organizationCode, organizationName: org.name, units, groupPhrases: DEPARTMENT_GROUP_PHRASES };
}

export interface PlanImportInput {
  organizationCode: string;
  fileName: string;
  content: Buffer | Uint8Array;
  parse: PlanParseResult;
}

export interface PlanImportReport {
  planId: string;
  planKey: string;
  /** Rows of the plan stored by this import, and rows stored before. */
  tasksCreated: number;
  tasksExisting: number;
  /** Per-unit tasks of group-led rows stored by this import (a re-import creates none). */
  childTasksCreated: number;
  /** One workflow per row; a group-led row's children are started by the row's workflow. */
  workflowIds: string[];
}

interface StoredTask {
  taskId: string;
  workflowId: string;
  row: ParsedTask;
  ownerUnitId: string | null;
  ownerUnitCode: string | null;
  coordinatingUnits: WorkflowUnitRef[];
  coordinatingToBeNamed: boolean;
  dueOn: string | null;
  initialState: 'DRAFTING' | 'PENDING_TRIGGER';
  /** Set for a group-led row: one task per lead unit. */
  children: GroupChildSpec[] | null;
}

/** The plan's title as stored: the document's, else the appendix's, else the file name. */
export function planTitleOf(parse: PlanParseResult, fileName: string): string {
  return parse.header.title ?? parse.header.appendixTitle ?? fileName;
}

/**
 * Business key of a plan inside its organization (folded title and year): importing the same plan
 * again, from the same or a changed file, lands on the same plan row.
 */
export function planKeyOf(parse: PlanParseResult, fileName: string): string {
  return `${foldForSearch(planTitleOf(parse, fileName))}|${parse.planYear}`;
}

/** Row order of the plan: the workflow id of a row never changes between imports. */
export function planRowWorkflowId(planId: string, section: string, ordinal: string): string {
  return `plan-${planId}-row-${section || '_'}.${ordinal}`;
}

/** One unit's task of a group-led row, under the row's workflow id. */
export function groupChildWorkflowId(parentWorkflowId: string, unitCode: string): string {
  return `${parentWorkflowId}/${unitCode}`;
}

/** First milestone that has a date drives the task's due date; an event row waits for its trigger. */
function scheduleOf(row: ParsedTask): { dueOn: string | null; initialState: 'DRAFTING' | 'PENDING_TRIGGER' } {
  const first = row.milestones[0];
  if (first && (first.kind === 'event' || first.kind === 'external')) return { dueOn: null, initialState: 'PENDING_TRIGGER' };
  const dated = row.milestones.find((m) => m.due);
  return { dueOn: dated?.due ?? null, initialState: 'DRAFTING' };
}

function unitCodesOf(refs: UnitRef[], directory: UnitDirectory): Array<{ code: string; viaGroup: string | null }> {
  const out: Array<{ code: string; viaGroup: string | null }> = [];
  for (const ref of refs) {
    if (ref.unit) out.push({ code: ref.unit, viaGroup: null });
    else if (ref.group === 'ALL_UNITS') out.push(...directory.units.map((u) => ({ code: u.code, viaGroup: ref.group! })));
    else if (ref.group === 'AFFILIATED_UNITS')
      out.push(...directory.units.filter((u) => u.kind === 'affiliated').map((u) => ({ code: u.code, viaGroup: ref.group! })));
    // RELEVANT: the lead unit names them later (nameCoordinatingUnits); nothing to store yet.
  }
  const seen = new Set<string>();
  return out.filter((u) => (seen.has(u.code) ? false : (seen.add(u.code), true)));
}

/**
 * Stores a parsed plan and starts one task workflow per row. A plan with errors stores nothing.
 * Everything of the plan is written in one transaction; rows are keyed by their workflow id, so a
 * second import of the same plan creates nothing, and a crash after the commit is repaired by
 * importing again (starts are idempotent). A group-led row also gets one child task per lead unit
 * in that transaction; its workflow (`groupTask`) starts the children's workflows.
 */
export async function importPlan(
  ds: DataSource,
  starter: TaskWorkflowStarter,
  input: PlanImportInput,
  onProgress?: (done: number, total: number) => void,
  options: { startConcurrency?: number } = {},
): Promise<PlanImportReport> {
  const { parse } = input;
  if (parse.errors.length) {
    throw new DomainError('PLAN_HAS_ERRORS', `Kế hoạch còn ${parse.errors.length} lỗi cần sửa trước khi nhập; chưa có gì được lưu.`, {
      errors: parse.errors,
    });
  }
  if (!parse.tasks.length) throw new DomainError('PLAN_HAS_NO_TASKS', 'Không tìm thấy nhiệm vụ nào trong tệp kế hoạch.');
  const directory = await loadUnitDirectory(ds, input.organizationCode);
  const title = planTitleOf(parse, input.fileName);
  const planKey = planKeyOf(parse, input.fileName);
  const checksum = createHash('sha256').update(input.content).digest('hex');

  const stored = await ds.transaction(async (tx: EntityManager) => {
    const [org] = await tx.query(`SELECT id, settings FROM organizations WHERE code = $1`, [input.organizationCode]);
    const unitIds = new Map<string, string>(
      (await tx.query(`SELECT code, id FROM units WHERE organization_id = $1`, [org.id])).map((u: { code: string; id: string }) => [u.code, u.id]),
    );
    const unitRef = (code: string): WorkflowUnitRef => ({ unitId: unitIds.get(code)!, unitCode: code });
    const [plan] = await tx.query(
      `INSERT INTO plans (organization_id, plan_key, number, title, issuer, place, issued_on, start_year, end_year,
                          signer_name, signed_on_behalf, source_file_name, source_checksum)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
       ON CONFLICT (organization_id, plan_key) DO UPDATE SET updated_at = plans.updated_at
       RETURNING id`,
      [
        org.id,
        planKey,
        parse.header.number,
        title,
        parse.header.issuer,
        parse.header.place,
        parse.header.date,
        parse.planYear,
        parse.planEndYear ?? parse.planYear,
        parse.header.signer,
        parse.header.signedOnBehalf,
        input.fileName,
        checksum,
      ],
    );
    const sectionIds = new Map<string, string>();
    for (const [position, section] of parse.sections.entries()) {
      const [row] = await tx.query(
        `INSERT INTO plan_sections (plan_id, code, title, position) VALUES ($1,$2,$3,$4)
         ON CONFLICT (plan_id, code) DO UPDATE SET title = plan_sections.title
         RETURNING id`,
        [plan.id, section.code, section.title, position],
      );
      sectionIds.set(section.code, row.id);
    }

    /** One task row of the plan as it is to be stored (a row, or one unit's task of a group-led row). */
    interface TaskSpec {
      row: ParsedTask;
      rowKey: string;
      workflowId: string;
      parentWorkflowId: string | null;
      ownerUnitCode: string | null;
      units: Array<{ code: string; role: 'lead' | 'coordinating'; viaGroup: string | null }>;
      dueOn: string | null;
      initialState: 'DRAFTING' | 'PENDING_TRIGGER';
    }
    const ids = new Map<string, { taskId: string; created: boolean }>();
    /** The spec that stored each new row (a workflow id twice in one plan is stored once, by its first row). */
    const createdBy = new Set<TaskSpec>();
    const createdIds = new Set<string>();

    /**
     * The task rows with their units and milestones, a batch at a time (one INSERT … SELECT FROM
     * unnest per table and batch instead of one statement per row, unit and milestone); an existing
     * row (same workflow id) is left as it is, with its units and milestones.
     */
    const storeTasks = async (specs: TaskSpec[]): Promise<void> => {
      for (let from = 0; from < specs.length; from += STORE_BATCH) {
        const batch = specs.slice(from, from + STORE_BATCH);
        const col = <T>(f: (t: TaskSpec) => T): T[] => batch.map(f);
        const inserted: Array<{ id: string; workflow_id: string }> = await tx.query(
          `INSERT INTO tasks (organization_id, plan_id, section_id, parent_task_id, row_key, title, search_text, lead_raw,
                              coordinating_raw, timeline_raw, note, extra, owner_unit_id, state, status_word, due_on, workflow_id)
           SELECT $1, $2, r.section_id, r.parent_task_id, r.row_key, r.title, r.search_text, r.lead_raw, r.coordinating_raw,
                  r.timeline_raw, r.note, r.extra::jsonb, r.owner_unit_id, r.state, r.status_word, r.due_on, r.workflow_id
           FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                       $12::text[], $13::uuid[], $14::text[], $15::text[], $16::date[], $17::text[])
                AS r(section_id, parent_task_id, row_key, title, search_text, lead_raw, coordinating_raw, timeline_raw, note, extra,
                     owner_unit_id, state, status_word, due_on, workflow_id)
           ON CONFLICT (workflow_id) DO NOTHING
           RETURNING id, workflow_id`,
          [
            org.id,
            plan.id,
            col((t) => sectionIds.get(t.row.section) ?? null),
            col((t) => (t.parentWorkflowId ? ids.get(t.parentWorkflowId)!.taskId : null)),
            col((t) => t.rowKey),
            col((t) => t.row.title),
            col((t) => foldForSearch(t.row.title)),
            col((t) => t.row.lead.map((r) => r.raw).join(', ')),
            col((t) => t.row.coordinating.map((r) => r.raw).join(', ')),
            col((t) => t.row.timeline),
            col((t) => t.row.note),
            col((t) => JSON.stringify(t.row.extra ?? {})),
            col((t) => (t.ownerUnitCode ? unitIds.get(t.ownerUnitCode) : null)),
            col((t) => t.initialState),
            col((t) => (t.initialState === 'PENDING_TRIGGER' ? 'WAITING' : 'OPEN_ON_TIME')),
            col((t) => t.dueOn),
            col((t) => t.workflowId),
          ],
        );
        for (const r of inserted) ids.set(r.workflow_id, { taskId: r.id, created: true });
        const existing = batch.filter((t) => !ids.has(t.workflowId)).map((t) => t.workflowId);
        if (existing.length) {
          const rows: Array<{ id: string; workflow_id: string }> = await tx.query(`SELECT id, workflow_id FROM tasks WHERE workflow_id = ANY($1::text[])`, [existing]);
          for (const r of rows) ids.set(r.workflow_id, { taskId: r.id, created: false });
        }
        const fresh = batch.filter((t) => {
          const first = ids.get(t.workflowId)!.created && !createdIds.has(t.workflowId);
          if (first) {
            createdBy.add(t);
            createdIds.add(t.workflowId);
          }
          return first;
        });
        const units = fresh.flatMap((t) => t.units.map((u) => ({ taskId: ids.get(t.workflowId)!.taskId, ...u })));
        if (units.length) {
          await tx.query(
            `INSERT INTO task_units (task_id, unit_id, role, via_group) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
             ON CONFLICT DO NOTHING`,
            [units.map((u) => u.taskId), units.map((u) => unitIds.get(u.code)), units.map((u) => u.role), units.map((u) => u.viaGroup)],
          );
        }
        const milestones = fresh.flatMap((t) => t.row.milestones.map((m, position) => ({ taskId: ids.get(t.workflowId)!.taskId, position, m })));
        if (milestones.length) {
          await tx.query(
            `INSERT INTO milestones (task_id, position, label, kind, due_on, trigger)
             SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::date[], $6::text[])`,
            [
              milestones.map((x) => x.taskId),
              milestones.map((x) => x.position),
              milestones.map((x) => x.m.label),
              milestones.map((x) => x.m.kind),
              milestones.map((x) => x.m.due),
              milestones.map((x) => x.m.trigger),
            ],
          );
        }
      }
    };

    // Rows first (a group-led row's unit tasks point at it), then the unit tasks of group-led rows.
    const rows = parse.tasks.map((row) => {
      const rowKey = `${row.section}.${row.ordinal}`;
      const workflowId = planRowWorkflowId(plan.id, row.section, row.ordinal);
      const leads = unitCodesOf(row.lead, directory);
      // "Các đơn vị thuộc, trực thuộc Sở" (or several units) as chủ trì: every unit answers for its own share.
      const groupLed = leads.length > 1 || leads.some((l) => l.viaGroup);
      const ownerUnitCode = !groupLed && leads.length === 1 ? leads[0].code : null;
      // The lead unit is never its own coordinating unit ("Văn phòng Sở" leading, "all units" coordinating).
      const coordinating = unitCodesOf(row.coordinating, directory).filter((u) => u.code !== ownerUnitCode);
      const { dueOn, initialState } = scheduleOf(row);
      const parent: TaskSpec = {
        row,
        rowKey,
        workflowId,
        parentWorkflowId: null,
        ownerUnitCode,
        units: [...leads.map((u) => ({ ...u, role: 'lead' as const })), ...coordinating.map((u) => ({ ...u, role: 'coordinating' as const }))],
        dueOn,
        initialState,
      };
      const children: TaskSpec[] = groupLed
        ? leads.map((lead) => ({
            row,
            rowKey: `${rowKey}/${lead.code}`,
            workflowId: groupChildWorkflowId(workflowId, lead.code),
            parentWorkflowId: workflowId,
            ownerUnitCode: lead.code,
            units: [
              { code: lead.code, role: 'lead' as const, viaGroup: lead.viaGroup },
              ...coordinating.filter((u) => u.code !== lead.code).map((u) => ({ ...u, role: 'coordinating' as const })),
            ],
            dueOn,
            initialState,
          }))
        : [];
      return { parent, children, groupLed, coordinating };
    });
    await storeTasks(rows.map((r) => r.parent));
    await storeTasks(rows.flatMap((r) => r.children));

    const out: StoredTask[] = rows.map(({ parent, children, groupLed, coordinating }) => ({
      taskId: ids.get(parent.workflowId)!.taskId,
      workflowId: parent.workflowId,
      row: parent.row,
      ownerUnitId: parent.ownerUnitCode ? unitIds.get(parent.ownerUnitCode)! : null,
      ownerUnitCode: parent.ownerUnitCode,
      coordinatingUnits: coordinating.map((u) => unitRef(u.code)),
      coordinatingToBeNamed: parent.row.coordinating.some((r) => r.group === 'RELEVANT'),
      dueOn: parent.dueOn,
      initialState: parent.initialState,
      children: groupLed
        ? children.map((c) => ({ taskId: ids.get(c.workflowId)!.taskId, workflowId: c.workflowId, unit: unitRef(c.ownerUnitCode!) }))
        : null,
    }));
    const created = rows.filter((r) => createdBy.has(r.parent)).length;
    const childrenCreated = rows.flatMap((r) => r.children).filter((c) => createdBy.has(c)).length;
    return {
      planId: plan.id as string,
      organizationId: org.id as string,
      settings: lifecycleSettingsOf(org.settings),
      // The organization's working calendar as it stands now; later edits reach running tasks by signal.
      calendar: await loadWorkingCalendarConfig(tx, org.id as string),
      tasks: out,
      created,
      childrenCreated,
    };
  });

  // After the commit: start (or find) each row's workflow, IMPORT_START_CONCURRENCY at a time (p-limit).
  const endYear = parse.planEndYear ?? parse.planYear;
  const planEndsOn = endYear ? `${endYear}-12-31` : null;
  let done = 0;
  const limit = pLimit(options.startConcurrency ?? IMPORT_START_CONCURRENCY);
  const startOne = async (t: StoredTask) => {
    const lifecycle: TaskLifecycleInput = {
      taskId: t.taskId,
      organizationId: stored.organizationId,
      organizationCode: input.organizationCode,
      planId: stored.planId,
      ownerUnitCode: t.ownerUnitCode,
      title: t.row.title,
      dueOn: t.dueOn,
      initialState: t.initialState,
      ownerUnitId: t.ownerUnitId,
      coordinatingUnits: t.coordinatingUnits,
      coordinatingToBeNamed: t.coordinatingToBeNamed,
      milestones: t.row.milestones.map(milestoneSpecOf),
      settings: stored.settings,
      calendar: stored.calendar,
      planEndsOn,
    };
    if (t.children) await starter.startGroup(t.workflowId, { base: { ...lifecycle, ownerUnitId: null, ownerUnitCode: null }, children: t.children });
    else await starter.start(t.workflowId, lifecycle);
    done += 1;
    onProgress?.(done, stored.tasks.length);
  };
  await Promise.all(stored.tasks.map((t) => limit(() => startOne(t))));
  return {
    planId: stored.planId,
    planKey,
    tasksCreated: stored.created,
    tasksExisting: stored.tasks.length - stored.created,
    childTasksCreated: stored.childrenCreated,
    workflowIds: stored.tasks.map((t) => t.workflowId),
  };
}
