import { DataSource } from 'typeorm';
import { foldForSearch } from '@app/domain';
import { loadWorkingCalendarConfig } from '@app/persistence';
import { loadLifecycleSettings } from './lifecycle-input';
import type { TaskWorkflowStarter } from './task-workflow.starter';

export interface AdHocTaskSpec {
  organizationCode: string;
  /** Business key inside the organization; the same key never makes a second task. */
  taskKey: string;
  title: string;
  ownerUnitCode: string;
  dueOn: string | null;
}

/**
 * Creates a task that no plan lists (nhiệm vụ phát sinh) and starts its workflow. The row is
 * written first (so the read model knows the task exists), then the workflow is started with a
 * business-keyed id; both steps are idempotent, so a crash between them is repaired by running
 * this again.
 */
export async function provisionAdHocTask(
  dataSource: DataSource,
  starter: TaskWorkflowStarter,
  spec: AdHocTaskSpec,
): Promise<{ taskId: string; workflowId: string }> {
  const workflowId = `task-${spec.organizationCode}-${spec.taskKey}`;
  const [org] = await dataSource.query(`SELECT id FROM organizations WHERE code = $1`, [spec.organizationCode]);
  if (!org) throw new Error(`unknown organization ${spec.organizationCode}`);
  const [unit] = await dataSource.query(`SELECT id FROM units WHERE organization_id = $1 AND code = $2`, [org.id, spec.ownerUnitCode]);
  if (!unit) throw new Error(`unknown unit ${spec.ownerUnitCode} in ${spec.organizationCode}`);
  await dataSource.query(
    `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
     VALUES ($1, $2, $3, $4, 'DRAFTING', 'OPEN_ON_TIME', $5, $6)
     ON CONFLICT (workflow_id) DO NOTHING`,
    [org.id, spec.title, foldForSearch(spec.title), unit.id, spec.dueOn, workflowId],
  );
  const [task] = await dataSource.query(`SELECT id FROM tasks WHERE workflow_id = $1`, [workflowId]);
  await starter.start(workflowId, {
    taskId: task.id,
    organizationId: org.id,
    organizationCode: spec.organizationCode,
    planId: null,
    ownerUnitCode: spec.ownerUnitCode,
    title: spec.title,
    dueOn: spec.dueOn,
    initialState: 'DRAFTING',
    ownerUnitId: unit.id,
    settings: await loadLifecycleSettings(dataSource, org.id),
    calendar: await loadWorkingCalendarConfig(dataSource, org.id),
  });
  return { taskId: task.id, workflowId };
}
