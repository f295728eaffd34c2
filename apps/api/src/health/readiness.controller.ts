import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@app/persistence';
import { TemporalClientHolder } from '@app/temporal';
import { Public } from '../auth/public.decorator';
import { check, DependencyCheck } from './health.controller';

export class MigrationsCheck extends DependencyCheck {
  @ApiProperty({ type: [String], description: 'Migrations of this build not applied to the database' })
  pending: string[];
}

export class ReadinessReport {
  @ApiProperty({ enum: ['ready', 'not_ready'] }) status: 'ready' | 'not_ready';
  @ApiProperty() checks: { postgres: DependencyCheck; temporal: DependencyCheck; migrations: MigrationsCheck };
}

/**
 * Readiness (load balancers, compose, Kubernetes): the API can serve requests now, meaning
 * Postgres and Temporal answer and the database has every migration this build expects. /health
 * stays the liveness view (dependencies only).
 */
@ApiTags('health')
@Public()
@Controller('ready')
export class ReadinessController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientHolder,
  ) {}

  @Get()
  @ApiOkResponse({ type: ReadinessReport })
  @ApiServiceUnavailableResponse({ type: ReadinessReport, description: 'a dependency is down or migrations are pending' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    let pending: string[] = [];
    const [postgres, temporal, migrationsQuery] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.temporal.ping()),
      check(async () => {
        const applied = new Set(((await this.dataSource.query(`SELECT name FROM schema_migrations`)) as Array<{ name: string }>).map((m) => m.name));
        pending = MIGRATIONS.map((m) => m.name).filter((name) => !applied.has(name));
      }),
    ]);
    const migrations: MigrationsCheck = { ...migrationsQuery, status: migrationsQuery.status === 'up' && !pending.length ? 'up' : 'down', pending };
    const ready = postgres.status === 'up' && temporal.status === 'up' && migrations.status === 'up';
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not_ready', checks: { postgres, temporal, migrations } };
  }
}
