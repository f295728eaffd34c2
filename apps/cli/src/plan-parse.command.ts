import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_ORG, defaultVietnamCalendarConfig, PlanFileError, parsePlanFile, proseReadingOfFile, type UnitDirectory } from '@app/domain';
import { withMilestoneSchedule } from '@app/temporal';

/**
 * `plan parse FILE [--org CODE] [--year YYYY]`: what the import screen would show for a plan file,
 * as JSON, without a database. Offline only the demo organization's directory is known. A plan
 * without an appendix table (a prose plan) also gets `candidates`: the duties read from its text, with
 * their ids for `plan import --candidates`, and the warning APPENDIX_NOT_ATTACHED when it refers to
 * an appendix the file does not contain.
 */

/** What a command hands back to main: the JSON to print and the process exit code. */
export interface CliOutcome {
  exitCode: number;
  output: unknown;
}

/** 1: the file cannot be read; 2: the command line is wrong. */
export const EXIT_UNREADABLE = 1;
export const EXIT_USAGE = 2;

const DIRECTORIES: ReadonlyMap<string, UnitDirectory> = new Map([[DEMO_ORG.organizationCode, DEMO_ORG]]);
const DEFAULT_ORG = DEMO_ORG.organizationCode;

export const PLAN_PARSE_USAGE = [
  'Cách dùng / Usage:',
  '  npm run -s cli -- plan parse FILE [--org CODE] [--year YYYY]',
  '',
  'Đọc một kế hoạch (.docx, .xlsx, .txt, .md) và in kết quả phân tích dạng JSON.',
  'Parses a plan file (.docx, .xlsx, .txt, .md) and prints the parse result as JSON.',
  'Kế hoạch không có bảng phụ lục: in thêm "candidates", các nhiệm vụ đề xuất từ văn bản (mã dùng cho plan import --candidates).',
  'A plan without an appendix table also gets "candidates": duties read from its text (ids for plan import --candidates).',
  '',
  'Tùy chọn / Options:',
  `  --org CODE    mã tổ chức có danh mục đơn vị (mặc định ${DEFAULT_ORG}) / organization whose unit directory resolves the cells (default ${DEFAULT_ORG})`,
  '  --year YYYY   năm kế hoạch, thay cho năm đọc từ tiêu đề / plan year, overrides the year read from the title',
  '  -h, --help    in hướng dẫn này / print this help',
  '',
  'Mã thoát / Exit codes: 0 đã phân tích (kể cả khi có cảnh báo, lỗi nội dung) / parsed (even with warnings or content errors);',
  '  1 không đọc được tệp / file cannot be read; 2 sai cú pháp lệnh / usage error.',
].join('\n');

export function cliError(exitCode: number, code: string, message: string): CliOutcome {
  return { exitCode, output: { error: { code, message } } };
}

export async function runPlanParse(args: readonly string[]): Promise<CliOutcome> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { org: { type: 'string' }, year: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (cause) {
    return cliError(EXIT_USAGE, 'USAGE', `Sai cú pháp lệnh: ${(cause as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    const problem = positionals.length === 0 ? 'thiếu đường dẫn tệp kế hoạch' : `chỉ nhận một tệp, có ${positionals.length}`;
    return cliError(EXIT_USAGE, 'USAGE', `Sai cú pháp lệnh: ${problem}. Xem --help.`);
  }

  const orgCode = (values.org ?? DEFAULT_ORG).trim().toUpperCase();
  const directory = DIRECTORIES.get(orgCode);
  if (!directory) {
    return cliError(
      EXIT_USAGE,
      'UNKNOWN_ORG',
      `Không có danh mục đơn vị của tổ chức "${values.org}" khi chạy ngoại tuyến; hiện chỉ có: ${[...DIRECTORIES.keys()].join(', ')}.`,
    );
  }

  let planYear: number | undefined;
  if (values.year !== undefined) {
    planYear = Number(values.year);
    if (!/^\d{4}$/.test(values.year) || planYear < 2000 || planYear > 2100) {
      return cliError(EXIT_USAGE, 'INVALID_YEAR', `Năm kế hoạch "${values.year}" không hợp lệ: cần 4 chữ số, ví dụ 2023.`);
    }
  }

  const path = positionals[0];
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (cause) {
    return fileReadError(path, cause);
  }
  try {
    const input = { fileName: basename(path), content };
    // Offline: the shipped national calendar and the default reporting calendar (issue 16).
    const result = withMilestoneSchedule(await parsePlanFile(input, { directory, planYear }), defaultVietnamCalendarConfig());
    const prose = await proseReadingOfFile(input, result, directory);
    if (!prose.candidates.length && !prose.warnings.length) return { exitCode: 0, output: result };
    return { exitCode: 0, output: { ...result, warnings: [...result.warnings, ...prose.warnings], candidates: prose.candidates } };
  } catch (cause) {
    if (cause instanceof PlanFileError) return cliError(EXIT_UNREADABLE, cause.code, cause.message);
    throw cause;
  }
}

function fileReadError(path: string, cause: unknown): CliOutcome {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return cliError(EXIT_UNREADABLE, 'FILE_NOT_FOUND', `Không tìm thấy tệp "${path}".`);
  if (code === 'EISDIR') return cliError(EXIT_UNREADABLE, 'UNREADABLE_FILE', `"${path}" là thư mục, không phải tệp.`);
  if (code === 'EACCES' || code === 'EPERM') {
    return cliError(EXIT_UNREADABLE, 'UNREADABLE_FILE', `Không có quyền đọc tệp "${path}".`);
  }
  return cliError(EXIT_UNREADABLE, 'UNREADABLE_FILE', `Không đọc được tệp "${path}": ${(cause as Error).message}`);
}
