import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Sender of notification mails when SMTP_FROM is unset. */
const DEFAULT_SMTP_FROM = '"Hệ thống theo dõi kế hoạch" <no-reply@localhost>';

/** Attachment types the API knows how to recognize by their first bytes (`ATTACHMENT_TYPES` picks among them). */
export const KNOWN_ATTACHMENT_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'odt', 'ods', 'ppt', 'pptx', 'png', 'jpg', 'jpeg', 'txt', 'csv'];

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

  /**
   * Workflows the worker keeps in memory between tasks (sticky cache). Unset: the SDK's default.
   * 0 replays every workflow task from its history (no sticky queue): a memory cap for small hosts,
   * and what tests on the time-skipping server need across a killed worker.
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  WORKER_MAX_CACHED_WORKFLOWS?: number;

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

  /** Prometheus `/metrics` listens here, never on API_PORT (apps/api metrics-server.ts); 0: a free port. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** Login attempts a minute for one username from any address (besides 5 per address and username). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_USERNAME = 10;

  /** Login attempts a minute from one address for any username (an office behind one address logs in at 8:00). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_ADDRESS = 100;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Demo mode seeds the demo organization with its known development password. Never in production. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  DEMO_MODE = false;

  /**
   * Key that signs the API's access tokens (HS256); a secret, never logged. The API refuses to
   * start in production without one; elsewhere, unset means a random key per API process (access
   * tokens then end with the process, refresh tokens survive it). Empty counts as unset.
   */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (e.g. openssl rand -base64 48)' })
  JWT_SECRET?: string;

  /** Lifetime of an access token, in seconds. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  /** Lifetime of a refresh token (renewed at each rotation), in days. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Public base URL used in links (e-mails, README output). */
  @IsString()
  PUBLIC_URL = 'http://127.0.0.1:3000';

  /** Runs pending migrations at API start (development); production runs them as an explicit step. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  MIGRATIONS_RUN = false;

  // --- e-mail of notifications (the worker's mail dispatcher) ---------------------------------
  // An empty value (compose files pass `SMTP_HOST=`) counts as unset.

  /** SMTP relay. Unset: every mail is written as an .eml file into MAIL_OUTBOX_DIR instead. */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  /** 587 (submission) when unset or empty. */
  @Transform(({ value }) => (value === undefined || value === '' ? 587 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 587;

  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it (587). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  SMTP_SECURE = false;

  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  /** Secret: never logged, never stored with a delivery error. */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** Sender of every notification mail (the default when unset or empty). */
  @Transform(({ value }) => (value === undefined || value === '' ? DEFAULT_SMTP_FROM : value))
  @IsString()
  SMTP_FROM = DEFAULT_SMTP_FROM;

  /** Where mails go as .eml files when no SMTP_HOST is set (development, demo). */
  @IsString()
  MAIL_OUTBOX_DIR = '.data/mail-outbox';

  /** The worker sends queued mails; off only where another process does (tests run their own). */
  @Transform(({ value }) => (value === undefined ? value : value === true || value === 'true' || value === '1'))
  @IsBoolean()
  MAIL_DISPATCHER_ENABLED = true;

  /**
   * Only the mails of these organizations (comma-separated ids): one worker per group of tenants
   * with its own SMTP relay. Unset: every organization's.
   */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value))
  @IsOptional()
  @IsUUID('all', { each: true, message: 'MAIL_DISPATCHER_ORGANIZATION_IDS: comma-separated organization ids' })
  MAIL_DISPATCHER_ORGANIZATION_IDS?: string[];

  /** Built web app (apps/web, `vite build`) the API serves at `/`; a folder without index.html: the API alone. */
  @IsString()
  @MinLength(1)
  WEB_DIR = 'dist/web';

  // --- uploads: task attachments and plan files (the API) ---------------------------------------

  /** Folder of the attachments' bytes (disk storage); created when missing. */
  @IsString()
  @MinLength(1)
  ATTACHMENTS_DIR = '.data/attachments';

  /** Largest attachment accepted, in bytes (20 MiB). */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 * 1024 * 1024 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

  /** File types an attachment may have, by extension; each is also checked by its first bytes. */
  @Transform(({ value }) =>
    typeof value === 'string' ? value.split(',').map((t) => t.trim().toLowerCase().replace(/^\./, '')).filter(Boolean) : value,
  )
  @IsIn(KNOWN_ATTACHMENT_TYPES, { each: true, message: `ATTACHMENT_TYPES: each type must be one of ${KNOWN_ATTACHMENT_TYPES.join(', ')}` })
  ATTACHMENT_TYPES: string[] = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'odt', 'ods', 'ppt', 'pptx', 'png', 'jpg', 'jpeg', 'txt'];

  /** Hours an Idempotency-Key stays bound to its first request; older keys are purged (issue 17). */
  @Transform(({ value }) => (value === undefined || value === '' ? 24 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

  /** Seconds between two purges of old idempotency keys by each API process (the first at start). */
  @Transform(({ value }) => (value === undefined || value === '' ? 3600 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  IDEMPOTENCY_KEY_PURGE_INTERVAL_SECONDS = 3600;

  /** Largest plan file accepted by POST /plans/imports, in bytes (10 MiB). */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 * 1024 * 1024 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100 * 1024 * 1024)
  PLAN_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
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
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((msg) => (msg.includes(e.property) ? msg : `${e.property}: ${msg}`)),
  );
  // Demo conveniences (a known password for the demo people) must never reach production.
  if (env.NODE_ENV === 'production' && env.DEMO_MODE === true) problems.push('DEMO_MODE must not be enabled in production');
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return env;
}
