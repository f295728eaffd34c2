import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';

/** Applies pending migrations; returns the names applied. Used by `npm start`, tests and the CLI. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, { logging: ['error'] }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
