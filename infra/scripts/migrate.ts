// `npm run migration:run | migration:revert | migration:generate NAME` against DATABASE_URL.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadEnv } from '@app/config';
import { dataSourceOptions } from '@app/persistence';

async function main(command: string | undefined, name: string | undefined): Promise<void> {
  const env = loadEnv();
  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL));
  await ds.initialize();
  try {
    if (command === 'run') {
      const applied = await ds.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
    } else if (command === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[a-z0-9-]+$/.test(name)) throw new Error('usage: migration:generate kebab-case-name');
      const sql = await ds.driver.createSchemaBuilder().log();
      if (!sql.upQueries.length) return console.log('entities match the schema: nothing to generate');
      const ts = Date.now();
      const cls = name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()) + ts;
      const q = (s: string) => `    await queryRunner.query(\`${s.replace(/`/g, '\\`')}\`);`;
      const file = join(__dirname, '../../libs/persistence/src/migrations', `${ts}-${name}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${cls} implements MigrationInterface {\n  name = '${cls}';\n\n` +
          `  async up(queryRunner: QueryRunner): Promise<void> {\n${sql.upQueries.map((x) => q(x.query)).join('\n')}\n  }\n\n` +
          `  async down(queryRunner: QueryRunner): Promise<void> {\n${sql.downQueries.reverse().map((x) => q(x.query)).join('\n')}\n  }\n}\n`,
      );
      console.log(`wrote ${file}: add ${cls} to libs/persistence/src/migrations/index.ts`);
    } else {
      throw new Error('usage: migrate.ts run|revert|generate NAME');
    }
  } finally {
    await ds.destroy();
  }
}

main(process.argv[2], process.argv[3]).catch((err: unknown) => {
  console.error(String((err as Error)?.message ?? err));
  process.exit(1);
});
