import { DataSource } from 'typeorm';
import { foldForSearch } from '@app/domain';
import { findOrganizationIdByCode, findUnitIdByCode, insertAdHocTask, loadWorkingCalendarConfig } from '@app/persistence';
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
  const organizationId = await findOrganizationIdByCode(dataSource, spec.organizationCode);
  if (!organizationId) throw new Error(`unknown organization ${spec.organizationCode}`);
  const unitId = await findUnitIdByCode(dataSource, organizationId, spec.ownerUnitCode);
  if (!unitId) throw new Error(`unknown unit ${spec.ownerUnitCode} in ${spec.organizationCode}`);
  const taskId = await insertAdHocTask(dataSource, {
    organizationId,
    workflowId,
    title: spec.title,
    searchText: foldForSearch(spec.title),
    ownerUnitId: unitId,
    dueOn: spec.dueOn,
  });
  await starter.start(workflowId, {
    taskId,
    organizationId,
    organizationCode: spec.organizationCode,
    planId: null,
    ownerUnitCode: spec.ownerUnitCode,
    title: spec.title,
    dueOn: spec.dueOn,
    initialState: 'DRAFTING',
    ownerUnitId: unitId,
    settings: await loadLifecycleSettings(dataSource, organizationId),
    calendar: await loadWorkingCalendarConfig(dataSource, organizationId),
  });
  return { taskId, workflowId };
}
