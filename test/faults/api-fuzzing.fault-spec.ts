import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installFromPyPI } from '../../infra/provision/temporal.provision';
import { DEMO_PASSWORD, giveDemoPasswords } from '../support/auth';
import { env, useStack } from '../support/stack';
import { ApiProcess, loginOver, PROFILE, sized, startApiProcess } from './support';

/** Schemathesis from PyPI, pinned, installed into .tools/ the way the Temporal binaries are. */
const SCHEMATHESIS_PYPI = { name: 'schemathesis', version: '4.32.5', executable: 'schemathesis' };
const TOOLS = resolve(__dirname, '..', '..', '.tools');

const ROLES = sized(
  ['vp.chuyenvien', 'giamdoc', 'pgd.a', 'vp.truongphong', 'cchc.chuyenvien', 'quantri'],
  ['vp.chuyenvien', 'cchc.chuyenvien', 'quantri'],
);
const EXAMPLES = sized(12, 4);
const MIN_REQUESTS = sized(2000, 300);
/** Time box of one role's run; what was sent until then is scanned all the same. */
const ROLE_SECONDS = sized(420, 90);
jest.setTimeout((ROLES.length * (ROLE_SECONDS + 30) + 300) * 1000);

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; content?: { text?: string } };
}

function runSchemathesis(binary: string, args: string[], seconds: number, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    // cwd: its example database (.schemathesis/) lands in the run directory, not in the repository.
    const child = spawn(binary, args, {
      cwd,
      env: { ...process.env, PYTHONPATH: join(binary, '..', '..'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    const timer = setTimeout(() => child.kill('SIGINT'), seconds * 1000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/**
 * API fuzzing (Schemathesis, from the OpenAPI document the API serves) against a real API process,
 * authenticated as each role in turn: no generated request gets a 5xx, and every 4xx answers
 * `{code, message}`. The requests and answers are read back from Schemathesis' HAR report.
 */
describe(`fault: API fuzzing with Schemathesis as each role (${PROFILE})`, () => {
  const stack = useStack('fault-fuzz');
  let api: ApiProcess;
  let binary: string;
  const reportDir = join(env('PLANFLOW_TEST_DIR'), 'schemathesis');

  beforeAll(async () => {
    binary = installFromPyPI(TOOLS, SCHEMATHESIS_PYPI, (line) => console.log(`[faults] ${line}`));
    mkdirSync(reportDir, { recursive: true });
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    api = await startApiProcess({ TEMPORAL_TASK_QUEUE: stack.taskQueue, ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'fault-fuzz-attachments') });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it(`sends at least ${MIN_REQUESTS} generated requests as ${ROLES.length} roles: zero 5xx, every 4xx body {code, message}`, async () => {
    let requests = 0;
    const serverErrors: string[] = [];
    const badBodies: string[] = [];
    const perRole: Record<string, number> = {};
    for (const role of ROLES) {
      const token = await loginOver(api.url, `${stack.org.code.toLowerCase()}.${role}`, DEMO_PASSWORD);
      const har = join(reportDir, `${role}.har`);
      const run = await runSchemathesis(
        binary,
        [
          'run',
          `${api.url}/docs/openapi.json`,
          '--url',
          api.url,
          '-H',
          `Authorization: Bearer ${token}`,
          '--checks',
          'not_a_server_error',
          // Negative as well as valid data (wrong types, out-of-range numbers, missing and extra
          // fields), and the coverage phase's boundary values besides fuzzing: Schemathesis 4's
          // defaults, stated so that a change of defaults cannot drop them silently.
          '--mode',
          'all',
          '--phases',
          'examples,coverage,fuzzing,stateful',
          '--max-examples',
          String(EXAMPLES),
          '--continue-on-failure',
          '--request-timeout',
          '60',
          '--seed',
          '20261124',
          '--generation-deterministic',
          // Logging out would end the session the rest of the run uses.
          '--exclude-path',
          '/auth/logout',
          '--report',
          'har',
          '--report-har-path',
          har,
        ],
        ROLE_SECONDS,
        reportDir,
      );
      expect(existsSync(har)).toBe(true);
      const entries: HarEntry[] = JSON.parse(readFileSync(har, 'utf8')).log.entries;
      perRole[role] = entries.length;
      requests += entries.length;
      for (const e of entries) {
        const where = `${role} ${e.request.method} ${e.request.url} → ${e.response.status}`;
        if (e.response.status >= 500) serverErrors.push(`${where}: ${(e.response.content?.text ?? '').slice(0, 200)}`);
        else if (e.response.status >= 400) {
          let body: { code?: unknown; message?: unknown } | null = null;
          try {
            body = JSON.parse(e.response.content?.text ?? '');
          } catch {
            body = null;
          }
          if (!body || typeof body.code !== 'string' || typeof body.message !== 'string') badBodies.push(`${where}: ${(e.response.content?.text ?? '').slice(0, 200)}`);
        }
      }
      if (!entries.length) console.log(`[faults] schemathesis as ${role} sent nothing (exit ${run.code}):\n${run.output}`);
    }
    console.log(`[faults] schemathesis: ${requests} requests ${JSON.stringify(perRole)}, ${serverErrors.length} 5xx, ${badBodies.length} 4xx without {code, message}`);
    expect(serverErrors.slice(0, 20)).toEqual([]);
    expect(badBodies.slice(0, 20)).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(api.child.exitCode).toBeNull();
  });
});
