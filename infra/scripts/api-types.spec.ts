import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The staleness check of the generated web client types: `api-types.ts --check` builds the OpenAPI
 * document from the current controllers and DTOs (no server, no database) and compares. It runs as
 * its own process: openapi-typescript's dependencies are ES modules, which jest's CommonJS runtime
 * cannot require (Node itself can).
 */
describe('the web client types (apps/web/src/api/schema.d.ts)', () => {
  it('are what the current API generates (else: npm run -s api:types)', () => {
    const run = spawnSync(process.execPath, ['-r', './infra/bin/register.js', 'infra/scripts/api-types.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      // No database, Temporal or secrets: the document needs only the code.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      timeout: 90_000,
    });
    if (run.status !== 0) throw new Error(`${run.stderr}${run.stdout}`.trim() || `api-types --check exited ${run.status}`);
    expect(run.stdout).toContain('is up to date');
    // The committed file has the routes and answers the web app uses (a check of an empty file would pass too).
    const committed = readFileSync(join(ROOT, 'apps/web/src/api/schema.d.ts'), 'utf8');
    expect(committed).toContain('"/tasks/{id}": {');
    expect(committed).toContain('TaskDetailDto: {');
  });
});
