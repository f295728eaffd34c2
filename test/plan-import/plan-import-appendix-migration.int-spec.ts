import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '@app/persistence';
import { env, openDataSource, uniqueSuffix } from '../support/stack';

/**
 * Migration 1765180000000 (plan_imports.appendix_file_name, appendix_content) on a populated
 * database: imports stored before it (a previewed prose plan, a confirmed one) migrate forward
 * untouched with no appendix; a row with one column of the pair and not the other is refused; the
 * migration reverts and re-applies with the rows intact. Runs in a scratch database.
 */
describe('migration PlanImportAppendix1765180000000 on populated data', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openDataSource();
  });
  afterAll(async () => ds?.destroy());

  it('keeps every stored import, adds the appendix columns empty, and reverts cleanly', async () => {
    const name = `planflow_appendix_${uniqueSuffix()}`;
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    const at = MIGRATIONS.findIndex((m) => m.name === 'PlanImportAppendix1765180000000');
    expect(at).toBeGreaterThan(0);
    await ds.query(`CREATE DATABASE "${name}"`);
    const open = (migrations: typeof MIGRATIONS) => new DataSource(dataSourceOptions(url.toString(), { migrations, logging: false, extra: { max: 1 } }));
    let scratch = open(MIGRATIONS.slice(0, at));
    const columns = async () =>
      (await scratch.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'plan_imports' AND column_name LIKE 'appendix%' ORDER BY 1`)).map(
        (c: { column_name: string }) => c.column_name,
      );
    const rows = async () =>
      scratch.query(`SELECT file_name, status, encode(content, 'escape') AS content, parse_result, confirm_result FROM plan_imports ORDER BY file_name`);
    try {
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const [org] = await scratch.query(`INSERT INTO organizations (code, name) VALUES ('MIG', 'Sở thử di chuyển') RETURNING id`);
      const preview = { parse: { tasks: [], errors: [{ code: 'HEADER_NOT_FOUND' }] }, candidates: [{ kind: 'responsibility', title: 'Báo cáo CCHC quý I năm 2024', sourceLine: 248 }] };
      await scratch.query(
        `INSERT INTO plan_imports (organization_id, file_name, sha256, size, content, parse_result, status, confirm_result)
         VALUES ($1, 'a-prose.txt', 'x', 3, 'abc', $2, 'previewed', NULL), ($1, 'b-appendix.txt', 'y', 3, 'def', '{"parse":{"tasks":[{}]}}', 'confirmed', '{"tasksCreated":1}')`,
        [org.id, preview],
      );
      const before = await rows();
      expect(before).toHaveLength(2);
      expect(await columns()).toEqual([]);
      await scratch.destroy();

      scratch = open(MIGRATIONS.slice(0, at + 1));
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      expect(await columns()).toEqual(['appendix_content', 'appendix_file_name']);
      expect(await rows()).toEqual(before);
      expect(await scratch.query(`SELECT count(*)::int AS n FROM plan_imports WHERE appendix_file_name IS NULL AND appendix_content IS NULL`)).toEqual([{ n: 2 }]);
      await expect(scratch.query(`UPDATE plan_imports SET appendix_file_name = 'phu-luc.txt' WHERE file_name = 'a-prose.txt'`)).rejects.toThrow(/ck_plan_imports_appendix/);
      await scratch.query(`UPDATE plan_imports SET appendix_file_name = 'phu-luc.txt', appendix_content = 'rows' WHERE file_name = 'a-prose.txt'`);

      await scratch.undoLastMigration({ transaction: 'each' });
      expect(await columns()).toEqual([]);
      expect(await rows()).toEqual(before);
      await scratch.runMigrations({ transaction: 'each' });
      expect(await columns()).toEqual(['appendix_content', 'appendix_file_name']);
      expect(await rows()).toEqual(before);
    } finally {
      if (scratch.isInitialized) await scratch.destroy();
      await ds.query(`DROP DATABASE "${name}"`);
    }
  });
});
