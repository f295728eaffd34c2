import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { startServerProcess, type ServerProcess } from './api-process';

export type BaselineServer = ServerProcess;

/**
 * bench/baseline/inbox-sql-server.ts as its own process on a free port (as startApiProcess runs the
 * API, so the load client in the bench process measures both the same way).
 */
export function startInboxSqlServer(opts: { actors: Record<string, Actor>; poolMax: number }): Promise<BaselineServer> {
  return startServerProcess({
    name: 'baseline server',
    script: 'bench/baseline/inbox-sql-server.ts',
    env: (port) => ({ BASELINE_PORT: String(port), BASELINE_ACTORS: JSON.stringify(opts.actors), BASELINE_POOL_MAX: String(opts.poolMax) }),
    timeoutMs: 60_000,
    pollMs: 200,
  });
}
