import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, foldForSearch, planKeyOf, PlanParseResult, PlanRowSpec, planTaskSpecs, PlanTaskSpec, planTitleOf } from '@app/domain';
import { loadUnitDirectory, NewPlanRow, NewPlanTaskRow, storePlanImport } from '@app/persistence';
import { lifecycleSettingsOf } from './lifecycle-input';
import { IMPORT_START_CONCURRENCY, startPlanTasks, StoredPlanRowTask } from './plan-starter';
import type { TaskWorkflowStarter } from './task-workflow.starter';

// The pure parts moved to libs/domain (task specs, ids) and the unit directory to libs/persistence:
// re-exported for the importers of @app/temporal.
export { groupChildWorkflowId, planKeyOf, planRowWorkflowId, planTitleOf } from '@app/domain';
export { loadUnitDirectory } from '@app/persistence';

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

/** The plan row as an import writes it. */
function planRowOf(parse: PlanParseResult, fileName: string, checksum: string): NewPlanRow {
  return {
    planKey: planKeyOf(parse, fileName),
    number: parse.header.number,
    title: planTitleOf(parse, fileName),
    issuer: parse.header.issuer,
    place: parse.header.place,
    issuedOn: parse.header.date,
    startYear: parse.planYear,
    endYear: parse.planEndYear ?? parse.planYear,
    signerName: parse.header.signer,
    signedOnBehalf: parse.header.signedOnBehalf,
    sourceFileName: fileName,
    sourceChecksum: checksum,
  };
}

/** A task spec as its row is stored (the row's cells as written, the state it starts in). */
function taskRowOf(spec: PlanTaskSpec): NewPlanTaskRow {
  const { row } = spec;
  return {
    workflowId: spec.workflowId,
    parentWorkflowId: spec.parentWorkflowId,
    sectionCode: row.section,
    rowKey: spec.rowKey,
    title: row.title,
    searchText: foldForSearch(row.title),
    leadRaw: row.lead.map((r) => r.raw).join(', '),
    coordinatingRaw: row.coordinating.map((r) => r.raw).join(', '),
    timelineRaw: row.timeline,
    note: row.note,
    extra: row.extra ?? {},
    ownerUnitCode: spec.ownerUnitCode,
    state: spec.initialState,
    statusWord: spec.initialState === 'PENDING_TRIGGER' ? 'WAITING' : 'OPEN_ON_TIME',
    dueOn: spec.dueOn,
    units: spec.units.map((u) => ({ unitCode: u.code, role: u.role, viaGroup: u.viaGroup })),
    milestones: row.milestones.map((m) => ({ label: m.label, kind: m.kind, dueOn: m.due, trigger: m.trigger })),
  };
}

/**
 * Stores a parsed plan and starts one task workflow per row. A plan with errors stores nothing.
 * Everything of the plan is written in one transaction; rows are keyed by their workflow id, so a
 * second import of the same plan creates nothing, and a crash after the commit is repaired by
 * importing again (starts are idempotent). A group-led row also gets one child task per lead unit
 * in that transaction; its workflow (`groupTask`) starts the children's workflows.
 *
 * Three parts: the rows become task specs (`planTaskSpecs`, pure), the store writes them
 * (`storePlanImport`, one transaction), the starter starts the rows' workflows after the commit
 * (`startPlanTasks`, p-limit).
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
  const plan = planRowOf(parse, input.fileName, createHash('sha256').update(input.content).digest('hex'));

  // The workflow ids carry the plan's id: the specs are made once the store knows it.
  let specs: PlanRowSpec[] = [];
  const stored = await storePlanImport(ds, {
    organizationCode: input.organizationCode,
    plan,
    sections: parse.sections,
    tasksOf: (planId) => {
      specs = planTaskSpecs(parse, directory, planId);
      return {
        rows: specs.map((r) => r.parent).filter((t) => !t.duplicate).map(taskRowOf),
        unitTasks: specs.flatMap((r) => r.children).filter((t) => !t.duplicate).map(taskRowOf),
      };
    },
  });

  const taskOf = (spec: PlanTaskSpec) => stored.tasks.get(spec.workflowId)!;
  /** The task a spec stored (a duplicate workflow id stores its task once, by its first spec). */
  const createdBy = (spec: PlanTaskSpec) => !spec.duplicate && taskOf(spec).created;
  const unitRef = (code: string) => ({ unitId: stored.unitIds.get(code)!, unitCode: code });
  const tasks: StoredPlanRowTask[] = specs.map(({ parent, children, groupLed, coordinating, coordinatingToBeNamed }) => ({
    taskId: taskOf(parent).taskId,
    workflowId: parent.workflowId,
    row: parent.row,
    ownerUnitId: parent.ownerUnitCode ? stored.unitIds.get(parent.ownerUnitCode)! : null,
    ownerUnitCode: parent.ownerUnitCode,
    coordinatingUnits: coordinating.map((u) => unitRef(u.code)),
    coordinatingToBeNamed,
    dueOn: parent.dueOn,
    initialState: parent.initialState,
    children: groupLed ? children.map((c) => ({ taskId: taskOf(c).taskId, workflowId: c.workflowId, unit: unitRef(c.ownerUnitCode!) })) : null,
  }));
  const created = specs.filter((r) => createdBy(r.parent)).length;
  const childrenCreated = specs.flatMap((r) => r.children).filter(createdBy).length;

  // After the commit: start (or find) each row's workflow.
  const endYear = parse.planEndYear ?? parse.planYear;
  await startPlanTasks(
    starter,
    {
      organizationId: stored.organizationId,
      organizationCode: input.organizationCode,
      planId: stored.planId,
      settings: lifecycleSettingsOf(stored.organizationSettings),
      // The organization's working calendar as it stood at the commit; later edits reach running tasks by signal.
      calendar: stored.calendar,
      planEndsOn: endYear ? `${endYear}-12-31` : null,
    },
    tasks,
    { concurrency: options.startConcurrency ?? IMPORT_START_CONCURRENCY, onProgress },
  );
  return {
    planId: stored.planId,
    planKey: plan.planKey,
    tasksCreated: created,
    tasksExisting: tasks.length - created,
    childTasksCreated: childrenCreated,
    workflowIds: tasks.map((t) => t.workflowId),
  };
}
