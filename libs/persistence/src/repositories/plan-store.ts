import { DataSource, EntityManager } from 'typeorm';
import type { OrganizationSettings, UnitGroup, WorkingCalendarConfig } from '@app/domain';
import { loadWorkingCalendarConfig } from '../calendar/working-calendar.loader';

/**
 * The store of a plan import: the plan row, its sections and its tasks (with their units and
 * milestones) written in one transaction. Rows are keyed by their business keys (the plan by
 * organization and plan key, a section by plan and code, a task by workflow id): an existing row
 * is kept as it is, with its units and milestones, so storing the same plan again creates nothing.
 */

/** Task rows stored per statement: one INSERT … SELECT FROM unnest per table and batch. */
export const STORE_BATCH = 1000;

/** `plans` as an import writes it. */
export interface NewPlanRow {
  planKey: string;
  number: string | null;
  title: string;
  issuer: string | null;
  place: string | null;
  issuedOn: string | null;
  startYear: number | null;
  endYear: number | null;
  signerName: string | null;
  signedOnBehalf: boolean;
  sourceFileName: string;
  sourceChecksum: string;
}

/** `plan_sections`: stored in the order given (`position`). */
export interface NewPlanSectionRow {
  code: string;
  title: string;
}

/** One task of the plan (`tasks`), its units (`task_units`) and milestones (`milestones`, in order). */
export interface NewPlanTaskRow {
  workflowId: string;
  /** The workflow id of the task this one belongs to (a unit's task of a group-led row): stored before it. */
  parentWorkflowId: string | null;
  /** Code of one of the plan's sections; a code the plan does not have stores no section. */
  sectionCode: string;
  rowKey: string;
  title: string;
  searchText: string;
  leadRaw: string;
  coordinatingRaw: string;
  timelineRaw: string;
  note: string;
  extra: Record<string, string>;
  ownerUnitCode: string | null;
  state: 'DRAFTING' | 'PENDING_TRIGGER';
  statusWord: string;
  dueOn: string | null;
  units: Array<{ unitCode: string; role: 'lead' | 'coordinating'; viaGroup: UnitGroup | null }>;
  milestones: Array<{ label: string; kind: string; dueOn: string | null; trigger: string | null }>;
}

/** The tasks to store, once the plan's id is known: the rows first, then the units' tasks that point at them. */
export interface NewPlanTasks {
  rows: NewPlanTaskRow[];
  unitTasks: NewPlanTaskRow[];
}

export interface StoredPlanTask {
  taskId: string;
  /** Stored by this import; false: the task was there before (its row kept as it was). */
  created: boolean;
}

export interface StoredPlanImport {
  planId: string;
  organizationId: string;
  /** `organizations.settings` as stored. */
  organizationSettings: Partial<OrganizationSettings> | null;
  /** The organization's working calendar as it stands at the commit. */
  calendar: WorkingCalendarConfig;
  /** The organization's units, id by code. */
  unitIds: ReadonlyMap<string, string>;
  /** Every task given, by workflow id. */
  tasks: ReadonlyMap<string, StoredPlanTask>;
}

type Db = DataSource | EntityManager;

/**
 * Stores a plan of the organization `organizationCode` in one transaction. `tasksOf` is called
 * with the plan's id (new or existing) and answers the tasks to store; workflow ids are unique
 * among them. Only tasks created by this call get their units and milestones.
 */
export async function storePlanImport(
  ds: DataSource,
  input: { organizationCode: string; plan: NewPlanRow; sections: readonly NewPlanSectionRow[]; tasksOf: (planId: string) => NewPlanTasks },
): Promise<StoredPlanImport> {
  return ds.transaction(async (tx: EntityManager) => {
    const [org]: Array<{ id: string; settings: Partial<OrganizationSettings> | null }> = await tx.query(
      `SELECT id, settings FROM organizations WHERE code = $1`,
      [input.organizationCode],
    );
    const unitIds = new Map<string, string>(
      (await tx.query(`SELECT code, id FROM units WHERE organization_id = $1`, [org.id])).map((u: { code: string; id: string }) => [u.code, u.id]),
    );
    const planId = await upsertPlan(tx, org.id, input.plan);
    const sectionIds = await upsertPlanSections(tx, planId, input.sections);
    const { rows, unitTasks } = input.tasksOf(planId);
    assertUniqueWorkflowIds([...rows, ...unitTasks]);
    const tasks = new Map<string, StoredPlanTask>();
    const context = { organizationId: org.id, planId, sectionIds, unitIds, tasks };
    await insertPlanTasks(tx, context, rows);
    await insertPlanTasks(tx, context, unitTasks);
    return {
      planId,
      organizationId: org.id,
      organizationSettings: org.settings,
      calendar: await loadWorkingCalendarConfig(tx, org.id),
      unitIds,
      tasks,
    };
  });
}

/** A workflow id twice would store its units and milestones twice: the caller keeps one task per id. */
function assertUniqueWorkflowIds(tasks: readonly NewPlanTaskRow[]): void {
  const seen = new Set<string>();
  for (const t of tasks) {
    if (seen.has(t.workflowId)) throw new Error(`storePlanImport: workflow id ${t.workflowId} given twice`);
    seen.add(t.workflowId);
  }
}

/** The plan row of the organization with this key, inserted or (as it is) found. */
async function upsertPlan(tx: Db, organizationId: string, plan: NewPlanRow): Promise<string> {
  const [row]: Array<{ id: string }> = await tx.query(
    `INSERT INTO plans (organization_id, plan_key, number, title, issuer, place, issued_on, start_year, end_year,
                        signer_name, signed_on_behalf, source_file_name, source_checksum)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
     ON CONFLICT (organization_id, plan_key) DO UPDATE SET updated_at = plans.updated_at
     RETURNING id`,
    [
      organizationId,
      plan.planKey,
      plan.number,
      plan.title,
      plan.issuer,
      plan.place,
      plan.issuedOn,
      plan.startYear,
      plan.endYear,
      plan.signerName,
      plan.signedOnBehalf,
      plan.sourceFileName,
      plan.sourceChecksum,
    ],
  );
  return row.id;
}

/** The plan's sections, inserted or (as they are) found: id by code. */
async function upsertPlanSections(tx: Db, planId: string, sections: readonly NewPlanSectionRow[]): Promise<Map<string, string>> {
  const sectionIds = new Map<string, string>();
  for (const [position, section] of sections.entries()) {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO plan_sections (plan_id, code, title, position) VALUES ($1,$2,$3,$4)
       ON CONFLICT (plan_id, code) DO UPDATE SET title = plan_sections.title
       RETURNING id`,
      [planId, section.code, section.title, position],
    );
    sectionIds.set(section.code, row.id);
  }
  return sectionIds;
}

/**
 * The task rows with their units and milestones, a batch at a time (one INSERT … SELECT FROM
 * unnest per table and batch instead of one statement per row, unit and milestone); an existing
 * row (same workflow id) is left as it is, with its units and milestones. Records every task in
 * `tasks`; a parent must be recorded there before.
 */
async function insertPlanTasks(
  tx: Db,
  ctx: {
    organizationId: string;
    planId: string;
    sectionIds: ReadonlyMap<string, string>;
    unitIds: ReadonlyMap<string, string>;
    tasks: Map<string, StoredPlanTask>;
  },
  specs: readonly NewPlanTaskRow[],
): Promise<void> {
  const { tasks, unitIds } = ctx;
  for (let from = 0; from < specs.length; from += STORE_BATCH) {
    const batch = specs.slice(from, from + STORE_BATCH);
    const col = <T>(f: (t: NewPlanTaskRow) => T): T[] => batch.map(f);
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
        ctx.organizationId,
        ctx.planId,
        col((t) => ctx.sectionIds.get(t.sectionCode) ?? null),
        col((t) => (t.parentWorkflowId ? tasks.get(t.parentWorkflowId)!.taskId : null)),
        col((t) => t.rowKey),
        col((t) => t.title),
        col((t) => t.searchText),
        col((t) => t.leadRaw),
        col((t) => t.coordinatingRaw),
        col((t) => t.timelineRaw),
        col((t) => t.note),
        col((t) => JSON.stringify(t.extra)),
        col((t) => (t.ownerUnitCode ? (unitIds.get(t.ownerUnitCode) ?? null) : null)),
        col((t) => t.state),
        col((t) => t.statusWord),
        col((t) => t.dueOn),
        col((t) => t.workflowId),
      ],
    );
    for (const r of inserted) tasks.set(r.workflow_id, { taskId: r.id, created: true });
    const existing = batch.filter((t) => !tasks.has(t.workflowId)).map((t) => t.workflowId);
    if (existing.length) {
      const rows: Array<{ id: string; workflow_id: string }> = await tx.query(`SELECT id, workflow_id FROM tasks WHERE workflow_id = ANY($1::text[])`, [existing]);
      for (const r of rows) tasks.set(r.workflow_id, { taskId: r.id, created: false });
    }
    const fresh = batch.filter((t) => tasks.get(t.workflowId)!.created);
    const units = fresh.flatMap((t) => t.units.map((u) => ({ taskId: tasks.get(t.workflowId)!.taskId, ...u })));
    if (units.length) {
      await tx.query(
        `INSERT INTO task_units (task_id, unit_id, role, via_group) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
         ON CONFLICT DO NOTHING`,
        [units.map((u) => u.taskId), units.map((u) => unitIds.get(u.unitCode) ?? null), units.map((u) => u.role), units.map((u) => u.viaGroup)],
      );
    }
    const milestones = fresh.flatMap((t) => t.milestones.map((m, position) => ({ taskId: tasks.get(t.workflowId)!.taskId, position, m })));
    if (milestones.length) {
      await tx.query(
        `INSERT INTO milestones (task_id, position, label, kind, due_on, trigger)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::date[], $6::text[])`,
        [
          milestones.map((x) => x.taskId),
          milestones.map((x) => x.position),
          milestones.map((x) => x.m.label),
          milestones.map((x) => x.m.kind),
          milestones.map((x) => x.m.dueOn),
          milestones.map((x) => x.m.trigger),
        ],
      );
    }
  }
}
