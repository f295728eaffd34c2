import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '@app/config';
import { dataSourceOptions } from '../data-source.options';

/** TypeORM on Postgres for Nest apps; the schema comes from migrations only. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        ...dataSourceOptions(env.DATABASE_URL),
        migrationsRun: env.MIGRATIONS_RUN,
        // Keep retrying at boot so the API/worker can start before Postgres is ready (compose).
        retryAttempts: 10,
        retryDelay: 2000,
      }),
    }),
  ],
})
export class PersistenceModule {}
