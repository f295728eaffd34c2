import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The tables the repositories own (issue 15 item 8): every statement on them is in `libs/persistence/src/repositories/`. */
export const OWNED_TABLES = ['tasks', 'task_events', 'task_units', 'milestones', 'plans', 'plan_sections', 'notifications'] as const;

/** A statement on one of them (SQL keywords in capitals, as everywhere here, so prose "into milestones" is not one): `FROM tasks`, `INTO task_events`, `UPDATE plans`, `JOIN milestones`, `DELETE FROM notifications`… */
const STATEMENT = new RegExp(String.raw`\b(FROM|INTO|UPDATE|JOIN)\s+"?(${OWNED_TABLES.join('|')})"?(?![\w-])`);

/** Production code; tests, benchmarks and migrations (which describe the schema as it was) read and write the tables as they need. */
const SCANNED = ['apps', 'libs', 'workflows', 'infra'];
const EXEMPT = [/\.spec\.ts$/, /^libs\/persistence\/src\/repositories\//, /^libs\/persistence\/src\/migrations\//];

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) yield path;
  }
}

describe('one owner per table (issue 15 item 8)', () => {
  it('no SQL on tasks, task_events, task_units, milestones, plans, plan_sections or notifications outside the repositories', () => {
    const offenders: string[] = [];
    for (const top of SCANNED) {
      for (const path of sources(join(ROOT, top))) {
        const file = relative(ROOT, path);
        if (EXEMPT.some((re) => re.test(file))) continue;
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (STATEMENT.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });

  it('recognises a statement on an owned table, and not on others', () => {
    expect(STATEMENT.test('SELECT id FROM tasks WHERE id = $1')).toBe(true);
    expect(STATEMENT.test('INSERT INTO task_events (task_id) VALUES ($1)')).toBe(true);
    expect(STATEMENT.test('UPDATE "notifications" SET read_at = now()')).toBe(true);
    expect(STATEMENT.test('LEFT JOIN plans p ON p.id = t.plan_id')).toBe(true);
    expect(STATEMENT.test('SELECT id FROM units WHERE code = $1')).toBe(false);
    expect(STATEMENT.test('INSERT INTO task_units_archive')).toBe(false);
    expect(STATEMENT.test('// the tasks from the plan')).toBe(false);
    expect(STATEMENT.test(' * Reads a cell into milestones')).toBe(false);
  });
});
