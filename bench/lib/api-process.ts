import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from '../../infra/provision/net.util';

const ROOT = join(__dirname, '..', '..');

/** A server of the repo run as its own process, answering on `url`. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export type ApiProcess = ServerProcess;

/**
 * A TypeScript entry of the repo (`script`, from the root) as its own process on a free port (given
 * to `env`); resolves once GET /health answers 2xx, fails if the process exits first.
 */
export async function startServerProcess(opts: {
  name: string;
  script: string;
  env: (port: number) => Record<string, string>;
  timeoutMs: number;
  pollMs: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, opts.script)], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `${opts.name} health at ${url}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`the ${opts.name} exited with ${child.exitCode}`);
      try {
        return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok || undefined;
      } catch {
        return undefined;
      }
    },
    opts.timeoutMs,
    opts.pollMs,
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

/** The real API (apps/api/src/main.ts → createApiApp) as its own process on a free port, like `npm start` runs it. */
export function startApiProcess(opts: { taskQueue: string; env?: Record<string, string> }): Promise<ApiProcess> {
  return startServerProcess({
    name: 'API',
    script: 'apps/api/src/main.ts',
    env: (port) => ({ API_PORT: String(port), API_HOST: '127.0.0.1', TEMPORAL_TASK_QUEUE: opts.taskQueue, LOG_LEVEL: 'warn', METRICS_PORT: '0', ...opts.env }),
    timeoutMs: 120_000,
    pollMs: 300,
  });
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
