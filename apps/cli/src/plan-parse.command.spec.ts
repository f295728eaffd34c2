import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAppendixXlsx } from '@app/domain/plan-import/testing/appendix-fixtures';
import { runCli } from './main';

const REPO_ROOT = resolve(__dirname, '../../..');
const SAMPLE_PLAN = 'infra/sample-data/plan-003-snv-binh-dinh-2023.txt';

/** The CLI as a user runs it (`npm run -s cli -- …` runs exactly this command). */
function spawnCli(...args: string[]) {
  const run = spawnSync(process.execPath, ['-r', './infra/bin/register.js', 'apps/cli/src/main.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, json: () => JSON.parse(run.stdout) as Record<string, unknown> };
}

describe('planflow CLI as a process', () => {
  it('parses the sample plan: exit 0, the parse result as JSON on stdout', () => {
    const run = spawnCli('plan', 'parse', SAMPLE_PLAN);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = run.json() as { tasks: unknown[]; sections: unknown[]; warnings: Array<{ code: string }>; errors: unknown[]; planYear: number };
    expect(result.tasks).toHaveLength(32);
    expect(result.sections).toHaveLength(7);
    expect(result.warnings.map((w) => w.code)).toEqual(['DECLARED_TOTAL_MISMATCH']);
    expect(result.errors).toEqual([]);
    expect(result.planYear).toBe(2023);
    expect(Object.keys(result)).toEqual(['header', 'planYear', 'planEndYear', 'sections', 'tasks', 'declaredTotal', 'warnings', 'errors']);
  });

  it('answers a missing file with exit 1 and a JSON error', () => {
    const run = spawnCli('plan', 'parse', 'no/such/plan.docx');
    expect(run.status).toBe(1);
    expect(run.json()).toEqual({ error: { code: 'FILE_NOT_FOUND', message: expect.stringContaining('no/such/plan.docx') } });
  });
});

describe('runCli', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'planflow-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => runCli(args);
  const errorOf = async (...args: string[]) => {
    const result = await run(...args);
    return { exitCode: result.exitCode, error: 'output' in result ? (result.output as { error?: { code: string } }).error : undefined };
  };

  it('reads an .xlsx appendix', async () => {
    const file = join(dir, 'phu-luc.xlsx');
    writeFileSync(file, await buildAppendixXlsx());
    const result = await run('plan', 'parse', file, '--org', 'snv-bd');
    expect(result.exitCode).toBe(0);
    expect(result).toMatchObject({ output: { planYear: 2023, errors: [] } });
  });

  it('takes the plan year from --year', async () => {
    const result = await run('plan', 'parse', join(REPO_ROOT, SAMPLE_PLAN), '--year', '2024');
    expect(result).toMatchObject({ exitCode: 0, output: { planYear: 2024, planEndYear: 2024 } });
  });

  it('answers an unreadable file with exit 1 and the reader code', async () => {
    const file = join(dir, 'x.docx');
    writeFileSync(file, 'not a zip');
    expect(await errorOf('plan', 'parse', file)).toEqual({ exitCode: 1, error: expect.objectContaining({ code: 'UNREADABLE_FILE' }) });
  });

  it('answers usage mistakes with exit 2', async () => {
    expect(await errorOf('plan', 'parse', SAMPLE_PLAN, '--org', 'SYT-BD')).toEqual({
      exitCode: 2,
      error: expect.objectContaining({ code: 'UNKNOWN_ORG' }),
    });
    expect(await errorOf('plan', 'parse', SAMPLE_PLAN, '--year', '23')).toEqual({
      exitCode: 2,
      error: expect.objectContaining({ code: 'INVALID_YEAR' }),
    });
    expect(await errorOf('plan', 'parse')).toEqual({ exitCode: 2, error: expect.objectContaining({ code: 'USAGE' }) });
    expect(await errorOf('plan', 'parse', 'a.txt', 'b.txt')).toEqual({ exitCode: 2, error: expect.objectContaining({ code: 'USAGE' }) });
    expect(await errorOf('plan', 'parse', SAMPLE_PLAN, '--bogus')).toEqual({ exitCode: 2, error: expect.objectContaining({ code: 'USAGE' }) });
    expect(await errorOf('plan', 'export', SAMPLE_PLAN)).toEqual({ exitCode: 2, error: expect.objectContaining({ code: 'UNKNOWN_COMMAND' }) });
    expect(await errorOf('plan', 'import', SAMPLE_PLAN)).toEqual({ exitCode: 2, error: expect.objectContaining({ code: 'USAGE' }) });
  });

  it('prints the usage in Vietnamese and English on --help', async () => {
    const result = await run('plan', 'parse', '--help');
    expect(result.exitCode).toBe(0);
    expect(result).toMatchObject({ help: expect.stringContaining('Cách dùng / Usage:') });
    expect(result).toMatchObject({ help: expect.stringContaining('plan parse FILE [--org CODE] [--year YYYY]') });
  });
});
