import { CALENDAR_USAGE, runCalendar } from './calendar.command';
import { ORG_CREATE_USAGE, runOrgCreate } from './org-create.command';
import { PLAN_IMPORT_USAGE, runPlanImport } from './plan-import.command';
import { cliError, EXIT_USAGE, PLAN_PARSE_USAGE, runPlanParse, type CliOutcome } from './plan-parse.command';

/**
 * planflow command line: `plan parse FILE` (offline) and `plan import FILE --org CODE` (database and Temporal).
 * No Nest, so it answers in a second. Results and errors are JSON on stdout
 * (scripts read one stream); `--help` prints the usage text instead.
 */

const USAGE = ['planflow CLI', '', PLAN_PARSE_USAGE, '', PLAN_IMPORT_USAGE, '', CALENDAR_USAGE, '', ORG_CREATE_USAGE].join('\n');

export type CliResult = CliOutcome | { exitCode: number; help: string };

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    return { exitCode: argv.length === 0 ? EXIT_USAGE : 0, help: USAGE };
  }
  const [group, command, ...rest] = argv;
  if (group === 'plan' && command === 'parse') return runPlanParse(rest);
  if (group === 'plan' && command === 'import') return runPlanImport(rest);
  if (group === 'calendar') return runCalendar(argv.slice(1));
  if (group === 'org' && command === 'create') return runOrgCreate(rest);
  return cliError(EXIT_USAGE, 'UNKNOWN_COMMAND', `Lệnh không hợp lệ: "${argv.slice(0, 2).join(' ')}". Xem --help.`);
}

async function main(): Promise<void> {
  let result: CliResult;
  try {
    result = await runCli(process.argv.slice(2));
  } catch (cause) {
    result = cliError(70, 'INTERNAL_ERROR', `Lỗi không mong đợi: ${(cause as Error).message ?? String(cause)}`);
  }
  process.stdout.write('help' in result ? `${result.help}\n` : `${JSON.stringify(result.output, null, 2)}\n`);
  // exitCode rather than exit(): a large JSON on a pipe must be flushed before the process ends.
  process.exitCode = result.exitCode;
}

if (require.main === module) void main();
