/**
 * The raw baselines of the benchmarks: the least a Temporal workflow can do for each measured
 * path, bundled and run by bench/lib/baseline-worker.ts on its own task queue (never by the
 * product's worker). Deterministic workflow code: @temporalio/workflow only.
 */
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline.activities';

/** Import baseline: a workflow that does nothing. */
export async function emptyWorkflow(): Promise<void> {}

const { markOverdue } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '1 minute' });

/** Timer storm baseline: one durable timer to the deadline, then one activity writing the status and notifications. */
export async function timerThenActivity(rowId: number, atMs: number): Promise<void> {
  await sleep(Math.max(1, atMs - Date.now()));
  await markOverdue(rowId);
}

export const actUpdate = defineUpdate<{ version: number }, [string]>('act');

/** Action baseline: one Workflow Update answering a new version (no validator, no read model), then done. */
export async function updatable(): Promise<void> {
  let version = 1;
  let acted = false;
  setHandler(actUpdate, () => {
    version += 1;
    acted = true;
    return { version };
  });
  await condition(() => acted);
  await condition(allHandlersFinished);
}
