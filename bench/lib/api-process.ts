import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from '../../infra/provision/net.util';

const ROOT = join(__dirname, '..', '..');

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The real API (apps/api/src/main.ts → createApiApp) as its own process on a free port, like `npm start` runs it. */
export async function startApiProcess(opts: { taskQueue: string; env?: Record<string, string> }): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, API_PORT: String(port), API_HOST: '127.0.0.1', TEMPORAL_TASK_QUEUE: opts.taskQueue, LOG_LEVEL: 'warn', ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `API health at ${url}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
      try {
        return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok || undefined;
      } catch {
        return undefined;
      }
    },
    120_000,
    300,
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

/** POST /auth/login; the access token. */
export async function loginToken(api: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}
