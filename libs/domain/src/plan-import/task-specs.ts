import { foldForSearch } from '../text/fold';
import type { UnitDirectory, UnitGroup } from '../units/unit-directory';
import type { UnitRef } from '../units/unit-resolver';
import type { ParsedTask, PlanParseResult } from './plan-parser';

/**
 * The pure half of a plan import: the parsed rows and the organization's unit directory become the
 * tasks to store and start (a row, or one unit's task of a group-led row), with their units and
 * roles, schedule and workflow ids. No database, no Temporal: the importer stores these specs
 * (libs/persistence `storePlanImport`) and starts them (libs/temporal).
 */

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

/** The key of a row inside its plan (`tasks.row_key`): section and STT. */
export function planRowKeyOf(row: Pick<ParsedTask, 'section' | 'ordinal'>): string {
  return `${row.section}.${row.ordinal}`;
}

export type PlanTaskInitialState = 'DRAFTING' | 'PENDING_TRIGGER';

/** A unit of a task as stored (`task_units`): its role, and the group phrase that named it, if any. */
export interface PlanTaskUnit {
  code: string;
  role: 'lead' | 'coordinating';
  viaGroup: UnitGroup | null;
}

/** One task of the plan as it is to be stored and started (a row, or one unit's task of a group-led row). */
export interface PlanTaskSpec {
  row: ParsedTask;
  rowKey: string;
  workflowId: string;
  /** The row's workflow id for one unit's task of a group-led row, else null. */
  parentWorkflowId: string | null;
  ownerUnitCode: string | null;
  units: PlanTaskUnit[];
  dueOn: string | null;
  initialState: PlanTaskInitialState;
  /**
   * An earlier spec of the plan has the same workflow id (two rows with the same section and STT):
   * the first one stores the task, with its units and milestones; this one shares that task.
   */
  duplicate: boolean;
}

/** One row of the plan: its task and, for a group-led row, one task per lead unit. */
export interface PlanRowSpec {
  parent: PlanTaskSpec;
  /** Empty unless `groupLed`. */
  children: PlanTaskSpec[];
  /** "Các đơn vị thuộc, trực thuộc Sở" (or several units) as chủ trì: every unit answers for its own share. */
  groupLed: boolean;
  /** The row's coordinating units, the owner excluded. */
  coordinating: Array<{ code: string; viaGroup: UnitGroup | null }>;
  /** "Các đơn vị có liên quan": the lead unit names them later (nameCoordinatingUnits). */
  coordinatingToBeNamed: boolean;
}

/** First milestone that has a date drives the task's due date; an event row waits for its trigger. */
export function planTaskScheduleOf(row: ParsedTask): { dueOn: string | null; initialState: PlanTaskInitialState } {
  const first = row.milestones[0];
  if (first && (first.kind === 'event' || first.kind === 'external')) return { dueOn: null, initialState: 'PENDING_TRIGGER' };
  const dated = row.milestones.find((m) => m.due);
  return { dueOn: dated?.due ?? null, initialState: 'DRAFTING' };
}

/** The directory's units a cell names, each once, in the cell's order (groups expanded in directory order). */
export function unitCodesOf(refs: readonly UnitRef[], directory: UnitDirectory): Array<{ code: string; viaGroup: UnitGroup | null }> {
  const out: Array<{ code: string; viaGroup: UnitGroup | null }> = [];
  for (const ref of refs) {
    if (ref.unit) out.push({ code: ref.unit, viaGroup: null });
    else if (ref.group === 'ALL_UNITS') out.push(...directory.units.map((u) => ({ code: u.code, viaGroup: 'ALL_UNITS' as const })));
    else if (ref.group === 'AFFILIATED_UNITS')
      out.push(...directory.units.filter((u) => u.kind === 'affiliated').map((u) => ({ code: u.code, viaGroup: 'AFFILIATED_UNITS' as const })));
    // RELEVANT: the lead unit names them later (nameCoordinatingUnits); nothing to store yet.
  }
  const seen = new Set<string>();
  return out.filter((u) => (seen.has(u.code) ? false : (seen.add(u.code), true)));
}

/**
 * The tasks of a plan's rows, in row order, each row's unit tasks with it. `planId` is the stored
 * plan's id (the workflow ids carry it). A row led by several units, or by a group of units, is
 * group-led: the row's task has no owner and one task per lead unit; the lead unit is never its
 * own coordinating unit.
 */
export function planTaskSpecs(parse: Pick<PlanParseResult, 'tasks'>, directory: UnitDirectory, planId: string): PlanRowSpec[] {
  const rows = parse.tasks.map((row): PlanRowSpec => {
    const rowKey = planRowKeyOf(row);
    const workflowId = planRowWorkflowId(planId, row.section, row.ordinal);
    const leads = unitCodesOf(row.lead, directory);
    const groupLed = leads.length > 1 || leads.some((l) => l.viaGroup);
    const ownerUnitCode = !groupLed && leads.length === 1 ? leads[0].code : null;
    // "Văn phòng Sở" leading, "all units" coordinating: the lead is not one of its coordinating units.
    const coordinating = unitCodesOf(row.coordinating, directory).filter((u) => u.code !== ownerUnitCode);
    const { dueOn, initialState } = planTaskScheduleOf(row);
    const parent: PlanTaskSpec = {
      row,
      rowKey,
      workflowId,
      parentWorkflowId: null,
      ownerUnitCode,
      units: [...leads.map((u) => ({ ...u, role: 'lead' as const })), ...coordinating.map((u) => ({ ...u, role: 'coordinating' as const }))],
      dueOn,
      initialState,
      duplicate: false,
    };
    const children: PlanTaskSpec[] = groupLed
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
          duplicate: false,
        }))
      : [];
    return { parent, children, groupLed, coordinating, coordinatingToBeNamed: row.coordinating.some((r) => r.group === 'RELEVANT') };
  });
  // Rows are stored before the units' tasks (which point at them): the first of a workflow id in that order stores it.
  const seen = new Set<string>();
  for (const spec of [...rows.map((r) => r.parent), ...rows.flatMap((r) => r.children)]) {
    spec.duplicate = seen.has(spec.workflowId);
    seen.add(spec.workflowId);
  }
  return rows;
}
