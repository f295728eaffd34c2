import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Every environment variable the apps read, declared and validated in one place.
 * Apps call {@link loadEnv} at start-up and refuse to run with a readable list of problems
 * instead of failing later with a connection error.
 */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^[^\s:]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233' })
  TEMPORAL_ADDRESS!: string;

  @IsString()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  TEMPORAL_TASK_QUEUE = 'planflow-tasks';

  /** Path of a prebuilt workflow bundle (production). Unset: the worker bundles `workflows/` at start. */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3000;

  @IsString()
  API_HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Demo mode seeds the demo organization with its known development password. Never in production. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  DEMO_MODE = false;

  /** Public base URL used in links (e-mails, README output). */
  @IsString()
  PUBLIC_URL = 'http://127.0.0.1:3000';

  /** Runs pending migrations at API start (development); production runs them as an explicit step. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  MIGRATIONS_RUN = false;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Validates a raw environment (defaults to process.env) and returns the typed config. */
export function loadEnv(raw: Record<string, unknown> = process.env): Env {
  const env = plainToInstance(Env, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((msg) => (msg.includes(e.property) ? msg : `${e.property}: ${msg}`)),
    );
    throw new ConfigValidationError(problems);
  }
  return env;
}
