import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The one place the database is described. Entities and migrations are listed as classes (no
 * globs) so the same options work from TypeScript sources, the compiled build and jest.
 * `synchronize` stays off: the schema only changes through migrations.
 */
export function dataSourceOptions(databaseUrl: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    // gen_random_uuid() is built into Postgres 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    // connectionTimeoutMillis: a Postgres that does not answer (or a pool with no free client for
    // that long) fails the query instead of holding the request forever; the API answers 503.
    extra: { max: 10, application_name: 'planflow', connectionTimeoutMillis: 10_000 },
    ...overrides,
  } as DataSourceOptions;
}
