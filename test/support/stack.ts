import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { dataSourceOptions, DEMO_PEOPLE, seedOrganization } from '@app/persistence';
import { TaskWorkflowStarter } from '@app/temporal';
import { waitFor } from '../../infra/provision/net.util';
import { demoOrganizationSeed } from '../../infra/scripts/demo-data';

const ROOT = join(__dirname, '..', '..');

export function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through npm test)`);
  return v;
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export async function openDataSource(): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(env('DATABASE_URL'), { extra: { max: 4 }, logging: false }));
  return ds.initialize();
}

export async function openTemporal(address = env('TEMPORAL_ADDRESS')): Promise<{ connection: Connection; client: Client }> {
  const connection = await Connection.connect({ address });
  return { connection, client: new Client({ connection, namespace: env('TEMPORAL_NAMESPACE') }) };
}

export function starterFor(client: Client, taskQueue: string): TaskWorkflowStarter {
  return new TaskWorkflowStarter(client, taskQueue);
}

/**
 * Seeds the demo organization under a fresh code so each test file has its own tenant in the
 * shared test database (usernames are global, so they get the same prefix).
 */
export async function seedTestOrganization(ds: DataSource, code = `T${uniqueSuffix().toUpperCase()}`): Promise<{ code: string; organizationId: string }> {
  const prefix = code.toLowerCase();
  const report = await seedOrganization(ds, {
    ...demoOrganizationSeed(),
    code,
    people: DEMO_PEOPLE.map((p) => ({ ...p, username: `${prefix}.${p.username}` })),
  });
  return { code, organizationId: report.organizationId };
}

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait: the graceful path. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no cleanup. */
  kill9(): Promise<void>;
}

/** Starts the real worker app (apps/worker) as its own process, on a task queue of the test's own. */
export async function startWorkerProcess(opts: { taskQueue: string; temporalAddress?: string; env?: Record<string, string> }): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, 'apps/worker/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      TEMPORAL_TASK_QUEUE: opts.taskQueue,
      ...(opts.temporalAddress ? { TEMPORAL_ADDRESS: opts.temporalAddress } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not become ready in 60 s:\n${out}`)), 60_000);
    const onData = () => {
      if (out.includes('worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before ready:\n${out}`));
    });
  });
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill9: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  return waitFor(what, async () => (await probe()) || undefined, timeoutMs, 200);
}

export interface StackContext {
  taskQueue: string;
  ds: DataSource;
  connection: Connection;
  client: Client;
  starter: TaskWorkflowStarter;
  /** Replace it when a test restarts the worker; afterAll stops whichever runs. */
  worker: WorkerProcess | undefined;
  org: { code: string; organizationId: string };
}

/**
 * The common frame of an integration test file: its own organization, its own task queue, a real
 * worker process on it, a data source and a Temporal client; all closed after the file.
 */
export function useStack(name: string): StackContext {
  const ctx = { taskQueue: `${env('TEMPORAL_TASK_QUEUE')}-${name}-${uniqueSuffix()}` } as StackContext;
  beforeAll(async () => {
    ctx.ds = await openDataSource();
    ({ connection: ctx.connection, client: ctx.client } = await openTemporal());
    ctx.starter = starterFor(ctx.client, ctx.taskQueue);
    ctx.org = await seedTestOrganization(ctx.ds);
    ctx.worker = await startWorkerProcess({ taskQueue: ctx.taskQueue });
  });
  afterAll(async () => {
    await ctx.worker?.stop();
    await ctx.connection?.close();
    await ctx.ds?.destroy();
  });
  return ctx;
}

/**
 * With RECORD_HISTORIES=1, saves a workflow's event history as a replay fixture
 * (test/fixtures/histories). The replay suite runs every fixture against today's workflow code,
 * so a change that would break running workflows fails the build until it uses patched().
 */
export async function maybeRecordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  // The CLI writes the canonical JSON form that Worker.runReplayHistories reads.
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const json = execFileSync(
    env('TEMPORAL_BIN'),
    ['workflow', 'show', '--workflow-id', workflowId, '--address', env('TEMPORAL_ADDRESS'), '--namespace', client.options.namespace, '--output', 'json'],
    { encoding: 'utf8' },
  );
  writeFileSync(join(ROOT, 'test/fixtures/histories', `${name}.json`), json);
}
