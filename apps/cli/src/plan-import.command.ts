import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { ConfigValidationError, loadEnv } from '@app/config';
import { candidateTaskRows, DomainError, parsePlanFile, PlanFileError, PROSE_SECTION, proseReadingOfFile, type PlanParseResult } from '@app/domain';
import { dataSourceOptions } from '@app/persistence';
import { importPlan, loadUnitDirectory, TaskWorkflowStarter } from '@app/temporal';
import { cliError, CliOutcome, EXIT_UNREADABLE, EXIT_USAGE } from './plan-parse.command';

/** 3: the plan has content errors (unknown unit, unreadable date…): nothing was stored. */
export const EXIT_PLAN_ERRORS = 3;
/** 4: Postgres or Temporal is not reachable or not configured. */
export const EXIT_UNAVAILABLE = 4;

export const PLAN_IMPORT_USAGE = [
  '  npm run -s cli -- plan import FILE --org CODE [--year YYYY] [--candidates all|ID,ID…]',
  '',
  'Nhập một kế hoạch vào tổ chức: lưu kế hoạch, nhiệm vụ và khởi tạo quy trình cho từng dòng.',
  'Imports a plan into an organization: stores it and starts one task workflow per row.',
  'Kế hoạch không có bảng phụ lục: --candidates nhập các nhiệm vụ đề xuất (mã từ plan parse); "all" là mọi đề xuất',
  '  không phải lời kêu gọi và có đơn vị chủ trì trong danh mục (các đề xuất khác được liệt kê trong "notImported").',
  'A prose plan: --candidates imports the proposed duties (ids from plan parse); "all" takes every one that is not an',
  '  exhortation and whose lead is in the directory (the others are listed in "notImported").',
  'Cần DATABASE_URL và TEMPORAL_ADDRESS (như khi chạy npm start) / needs DATABASE_URL and TEMPORAL_ADDRESS.',
  'Nhập lại cùng kế hoạch không tạo gì mới / importing the same plan again creates nothing.',
  'Mã thoát / Exit codes: 0 đã nhập / imported; 1 không đọc được tệp / unreadable file; 2 sai cú pháp / usage;',
  '  3 kế hoạch còn lỗi, chưa lưu gì / plan has errors, nothing stored; 4 không kết nối được / services unavailable.',
].join('\n');

export async function runPlanImport(args: readonly string[]): Promise<CliOutcome> {
  let values: { org?: string; year?: string; candidates?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { org: { type: 'string' }, year: { type: 'string' }, candidates: { type: 'string' } },
    }));
  } catch (cause) {
    return cliError(EXIT_USAGE, 'USAGE', `Sai cú pháp lệnh: ${(cause as Error).message}`);
  }
  if (positionals.length !== 1 || !values.org) {
    return cliError(EXIT_USAGE, 'USAGE', 'Sai cú pháp lệnh: cần đúng một tệp và --org CODE. Xem --help.');
  }
  const planYear = values.year === undefined ? undefined : Number(values.year);
  if (planYear !== undefined && !(Number.isInteger(planYear) && planYear >= 2000 && planYear <= 2100)) {
    return cliError(EXIT_USAGE, 'INVALID_YEAR', `Năm kế hoạch "${values.year}" không hợp lệ: cần 4 chữ số, ví dụ 2023.`);
  }
  let env;
  try {
    env = loadEnv();
  } catch (cause) {
    if (cause instanceof ConfigValidationError) return cliError(EXIT_UNAVAILABLE, 'CONFIG_INVALID', cause.message);
    throw cause;
  }
  const chosen = values.candidates?.trim();
  if (chosen !== undefined && chosen !== 'all' && !/^c[0-9a-f]{8}(?:-\d{1,3})?(?:\s*,\s*c[0-9a-f]{8}(?:-\d{1,3})?)*$/.test(chosen)) {
    return cliError(EXIT_USAGE, 'INVALID_CANDIDATES', `--candidates "${values.candidates}" không hợp lệ: "all" hoặc các mã đề xuất cách nhau bởi dấu phẩy (ví dụ c1a2b3c4d,c5e6f7a8b).`);
  }
  const path = positionals[0];
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch {
    return cliError(EXIT_UNREADABLE, 'FILE_NOT_FOUND', `Không đọc được tệp "${path}".`);
  }

  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL, { logging: false }));
  let connection: Connection | undefined;
  try {
    await ds.initialize();
    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const directory = await loadUnitDirectory(ds, values.org.trim().toUpperCase());
    let parse = await parsePlanFile({ fileName: basename(path), content }, { directory, planYear });
    let notImported: Array<{ id: string; title: string; reason: string }> = [];
    if (chosen !== undefined) {
      const prose = await proseCandidatesAsRows(parse, content, basename(path), directory, chosen);
      if ('problems' in prose) {
        return {
          exitCode: EXIT_PLAN_ERRORS,
          output: { error: { code: 'CANDIDATES_REFUSED', message: `${prose.problems[0].message} Chưa có gì được lưu.` }, problems: prose.problems },
        };
      }
      ({ parse, notImported } = prose);
    }
    if (parse.errors.length) {
      return { exitCode: EXIT_PLAN_ERRORS, output: { error: { code: 'PLAN_HAS_ERRORS', message: 'Kế hoạch còn lỗi; chưa có gì được lưu.' }, errors: parse.errors } };
    }
    const starter = new TaskWorkflowStarter(new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }), env.TEMPORAL_TASK_QUEUE);
    // The bar goes to stderr so stdout stays one JSON document for scripts.
    const bar = new SingleBar({ stream: process.stderr, format: 'Khởi tạo nhiệm vụ [{bar}] {value}/{total}', hideCursor: true, noTTYOutput: true });
    bar.start(parse.tasks.length, 0);
    const report = await importPlan(ds, starter, { organizationCode: directory.organizationCode, fileName: basename(path), content, parse }, (done) =>
      bar.update(done),
    );
    bar.stop();
    return {
      exitCode: 0,
      output: { ...report, warnings: parse.warnings, ...(chosen !== undefined ? { notImported } : {}), summary: `Đã nhập ${report.tasksCreated} nhiệm vụ mới${report.childTasksCreated ? ` (và ${report.childTasksCreated} nhiệm vụ giao từng đơn vị)` : ''}, ${report.tasksExisting} nhiệm vụ đã có.` },
    };
  } catch (cause) {
    if (cause instanceof PlanFileError) return cliError(EXIT_UNREADABLE, cause.code, cause.message);
    if (cause instanceof DomainError) return cliError(EXIT_USAGE, cause.code, cause.message);
    return cliError(EXIT_UNAVAILABLE, 'DEPENDENCY_UNAVAILABLE', `Không kết nối được Postgres hoặc Temporal: ${(cause as Error).message}`);
  } finally {
    await connection?.close();
    if (ds.isInitialized) await ds.destroy();
  }
}

/**
 * The chosen prose candidates as the plan's rows (section VB), as the API's confirm builds them; the
 * table's absence (HEADER_NOT_FOUND) is then no error. `all`: every candidate that is not an
 * exhortation and names a lead of the directory; the others are returned as not imported.
 */
async function proseCandidatesAsRows(
  parse: PlanParseResult,
  content: Buffer,
  fileName: string,
  directory: Awaited<ReturnType<typeof loadUnitDirectory>>,
  chosen: string,
): Promise<{ parse: PlanParseResult; notImported: Array<{ id: string; title: string; reason: string }> } | { problems: ReturnType<typeof candidateTaskRows>['problems'] }> {
  if (parse.tasks.length) {
    return { problems: [{ code: 'CANDIDATE_NOT_FOUND', candidateId: chosen, field: 'id', message: 'Kế hoạch có bảng phụ lục: các dòng của bảng là nhiệm vụ, không dùng --candidates.' }] };
  }
  if (parse.planYear === null) return { problems: [{ code: 'CANDIDATE_NOT_FOUND', candidateId: chosen, field: 'id', message: 'Chưa biết năm kế hoạch: dùng --year YYYY.' }] };
  const { candidates, warnings } = await proseReadingOfFile({ fileName, content }, parse, directory);
  const notImported: Array<{ id: string; title: string; reason: string }> = [];
  let ids: string[];
  if (chosen === 'all') {
    ids = [];
    for (const c of candidates) {
      if (c.exhortation) notImported.push({ id: c.id, title: c.title, reason: 'Lời kêu gọi, không có sản phẩm cụ thể.' });
      else if (!c.leadUnitCode && !c.leadGroup) notImported.push({ id: c.id, title: c.title, reason: `Chưa xác định được đơn vị chủ trì trong danh mục${c.leadText ? ` (văn bản ghi "${c.leadText}")` : ''}.` });
      else ids.push(c.id);
    }
  } else ids = chosen.split(',').map((id) => id.trim());
  const years = { planYear: parse.planYear, planEndYear: parse.planEndYear ?? parse.planYear };
  const { tasks, problems } = candidateTaskRows(candidates, ids.map((id) => ({ id })), directory, years);
  if (problems.length) return { problems };
  if (!tasks.length) return { problems: [{ code: 'CANDIDATE_NOT_FOUND', candidateId: chosen, field: 'id', message: 'Không có nhiệm vụ đề xuất nào nhập được.' }] };
  const errors = parse.errors.filter((e) => e.code !== 'HEADER_NOT_FOUND');
  return { parse: { ...parse, errors, warnings: [...parse.warnings, ...warnings], sections: [PROSE_SECTION], tasks }, notImported };
}
