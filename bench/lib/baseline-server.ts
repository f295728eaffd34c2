import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { freePort, waitFor } from '../../infra/provision/net.util';

const ROOT = join(__dirname, '..', '..');

export interface BaselineServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * bench/baseline/inbox-sql-server.ts as its own process on a free port (as startApiProcess runs the
 * API, so the load client in the bench process measures both the same way).
 */
export async function startInboxSqlServer(opts: { actors: Record<string, Actor>; poolMax: number }): Promise<BaselineServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, 'bench/baseline/inbox-sql-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, BASELINE_PORT: String(port), BASELINE_ACTORS: JSON.stringify(opts.actors), BASELINE_POOL_MAX: String(opts.poolMax) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `baseline server at ${url}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`the baseline server exited with ${child.exitCode}`);
      try {
        return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok || undefined;
      } catch {
        return undefined;
      }
    },
    60_000,
    200,
  );
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
