import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { TemporalClientHolder } from '@app/temporal';
import { Public } from '../auth/public.decorator';

export class DependencyCheck {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export class HealthReport {
  status: 'ok' | 'degraded';
  checks: { postgres: DependencyCheck; temporal: DependencyCheck };
}

export async function check(fn: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await fn();
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    // The error class only: connection strings and hosts stay out of a public endpoint.
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (err as Error)?.name ?? 'Error' };
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientHolder,
  ) {}

  @Get()
  @ApiOkResponse({ type: HealthReport, description: 'Postgres and Temporal reachable' })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'a dependency is down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [postgres, temporal] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.temporal.ping()),
    ]);
    const ok = postgres.status === 'up' && temporal.status === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', checks: { postgres, temporal } };
  }
}
