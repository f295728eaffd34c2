import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ConfigValidationError, loadEnv } from '@app/config';
import { DomainError } from '@app/domain';
import { dataSourceOptions, NationalCalendarService } from '@app/persistence';
import { broadcastNationalCalendar } from '@app/temporal';
import { cliError, CliOutcome, EXIT_USAGE } from './plan-parse.command';
import { EXIT_UNAVAILABLE } from './plan-import.command';

/** 3: the database refused the edit (a pointless or implausible day…): nothing was stored. */
export const EXIT_REFUSED = 3;

export const CALENDAR_USAGE = [
  '  npm run -s cli -- calendar YEAR --org CODE',
  '',
  'In lịch làm việc của một năm như tổ chức tính: { year, daysOff: [{date, name, source}], workingWeekendDays: [...] }.',
  'Prints a year as the organization counts it: every weekday not worked and every holiday, every weekend day worked.',
  '',
  '  npm run -s cli -- calendar add DATE --kind off|work --name TEN --source "SỐ VĂN BẢN ngày dd/mm/yyyy" [--unverified]',
  '  npm run -s cli -- calendar remove DATE',
  '',
  'Ghi nhận (hoặc bỏ) một ngày của lịch quốc gia theo quyết định của Chính phủ, không cần phát hành bản mới;',
  'mọi nhiệm vụ đang mở được nhận lịch mới. / Records (or removes) a day of the national calendar; open tasks get it.',
  'Cần DATABASE_URL (và TEMPORAL_ADDRESS cho add/remove) / needs DATABASE_URL (and TEMPORAL_ADDRESS for add/remove).',
].join('\n');

async function withDatabase<T>(fn: (ds: DataSource, temporal: () => Promise<Client>) => Promise<T>): Promise<T | CliOutcome> {
  let env;
  try {
    env = loadEnv();
  } catch (cause) {
    if (cause instanceof ConfigValidationError) return cliError(EXIT_UNAVAILABLE, 'CONFIG_INVALID', cause.message);
    throw cause;
  }
  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL, { logging: false }));
  let connection: Connection | undefined;
  try {
    await ds.initialize();
    return await fn(ds, async () => {
      connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
      return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    });
  } catch (cause) {
    if (cause instanceof DomainError) return cliError(cause.code === 'ORGANIZATION_NOT_FOUND' || cause.code === 'CALENDAR_YEAR_UNSUPPORTED' ? EXIT_USAGE : EXIT_REFUSED, cause.code, cause.message);
    return cliError(EXIT_UNAVAILABLE, 'DEPENDENCY_UNAVAILABLE', `Không kết nối được Postgres hoặc Temporal: ${(cause as Error).message}`);
  } finally {
    await connection?.close();
    if (ds.isInitialized) await ds.destroy();
  }
}

export async function runCalendar(args: readonly string[]): Promise<CliOutcome> {
  const [first, ...rest] = args;
  if (first === 'add' || first === 'remove') return runCalendarEdit(first, rest);
  let values: { org?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { org: { type: 'string' } } }));
  } catch (cause) {
    return cliError(EXIT_USAGE, 'USAGE', `Sai cú pháp lệnh: ${(cause as Error).message}`);
  }
  if (positionals.length !== 1 || !values.org) return cliError(EXIT_USAGE, 'USAGE', 'Sai cú pháp lệnh: cần đúng một năm và --org CODE. Xem --help.');
  if (!/^\d{4}$/.test(positionals[0])) return cliError(EXIT_USAGE, 'INVALID_YEAR', `Năm "${positionals[0]}" không hợp lệ: cần 4 chữ số, ví dụ 2026.`);
  const year = Number(positionals[0]);
  const org = values.org;
  const result = await withDatabase(async (ds) => {
    const report = await new NationalCalendarService(ds).report(org, year);
    return { exitCode: 0, output: report } satisfies CliOutcome;
  });
  return result;
}

async function runCalendarEdit(command: 'add' | 'remove', args: readonly string[]): Promise<CliOutcome> {
  let values: { kind?: string; name?: string; source?: string; unverified?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { kind: { type: 'string' }, name: { type: 'string' }, source: { type: 'string' }, unverified: { type: 'boolean' } },
    }));
  } catch (cause) {
    return cliError(EXIT_USAGE, 'USAGE', `Sai cú pháp lệnh: ${(cause as Error).message}`);
  }
  if (positionals.length !== 1) return cliError(EXIT_USAGE, 'USAGE', 'Sai cú pháp lệnh: cần đúng một ngày YYYY-MM-DD. Xem --help.');
  if (command === 'add' && (!values.kind || !values.name || !values.source)) {
    return cliError(EXIT_USAGE, 'USAGE', 'Sai cú pháp lệnh: calendar add cần --kind off|work, --name và --source. Xem --help.');
  }
  const day = positionals[0];
  return withDatabase(async (ds, temporal) => {
    const service = new NationalCalendarService(ds);
    let saved: unknown;
    if (command === 'add') {
      saved = await service.setDay({ day, kind: values.kind as 'off' | 'work', name: values.name!, source: values.source!, verified: !values.unverified });
    } else {
      await service.removeDay(day);
      saved = { removed: day };
    }
    let tasks: unknown;
    try {
      tasks = await broadcastNationalCalendar(ds, await temporal());
    } catch (cause) {
      tasks = { error: `Đã lưu lịch nhưng chưa báo được cho các nhiệm vụ đang mở (${(cause as Error).message}); chạy lại lệnh khi Temporal hoạt động.` };
    }
    return { exitCode: 0, output: { day: saved, tasks } } satisfies CliOutcome;
  });
}
