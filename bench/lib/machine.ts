import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';

export interface MachineInfo {
  cpus: number;
  model: string;
  memoryGiB: number;
  platform: string;
  node: string;
  temporal: string;
  postgres: string;
  temporalSdk: string;
}

function firstLine(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000 }).split('\n')[0].trim();
  } catch {
    return 'unknown';
  }
}

/** The machine and the versions a result depends on; Postgres is asked through DATABASE_URL. */
export async function machineInfo(): Promise<MachineInfo> {
  const pg = new Client({ connectionString: process.env.DATABASE_URL });
  await pg.connect();
  const [{ server_version: postgres }] = (await pg.query('SHOW server_version')).rows;
  await pg.end();
  const temporalBin = process.env.TEMPORAL_BIN;
  const testServer = process.env.TEMPORAL_TEST_SERVER_BIN;
  const temporal = [
    temporalBin ? firstLine(temporalBin, ['--version']) : 'external server',
    // The time-skipping server's version is in its install folder's name (.tools/temporal-test-server-<v>/…).
    testServer ? `test server ${basename(dirname(dirname(testServer)))}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  const sdk = JSON.parse(readFileSync(require.resolve('@temporalio/client/package.json'), 'utf8')).version as string;
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    temporal,
    postgres: `PostgreSQL ${postgres}`,
    temporalSdk: sdk,
  };
}
