import { join } from 'node:path';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { baselineActivities } from '../baseline/baseline.activities';

let bundle: Promise<string> | undefined;
const silent = { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

export interface BaselineWorker {
  stop(): Promise<void>;
}

/**
 * The baselines' worker, in the bench process, on its own task queue: bench/baseline workflows and
 * their one activity. `maxCachedWorkflows: 0` where the product's worker runs without a cache too.
 */
export async function startBaselineWorker(opts: { address: string; namespace: string; taskQueue: string; maxCachedWorkflows?: number }): Promise<BaselineWorker> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve(join(__dirname, '..', 'baseline', 'baseline.workflows')), logger: silent }).then((b) => b.code);
  const connection = await NativeConnection.connect({ address: opts.address });
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: { code: await bundle },
    activities: baselineActivities(pool),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
      await pool.end();
    },
  };
}

/** Quiet SDK logs in the bench process (the product's worker logs through its own pino). */
export function quietTemporalRuntime(): void {
  Runtime.install({ logger: { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: (m: string) => console.error(m) } });
}
