import { STATUTORY_RULES_FIRST_YEAR, STATUTORY_RULES_LAST_YEAR } from '../calendar/vn-holidays';
import { DomainError } from '../errors/domain-error';
import { parseTimeline } from '../timeline';
import type { Milestone, TimelineWarningCode } from '../timeline';
import { resolveUnitCell, type UnitDirectory, type UnitRef } from '../units';
import type { AppendixErrorCode, AppendixIssue, AppendixWarningCode, RawAppendix, RawRow, RawSection, RowSource } from './appendix.types';
import { AppendixReadError } from './appendix.types';
import { readDocxAppendix } from './docx-appendix.reader';
import { parsePlanHeader, type PlanHeader } from './plan-header.parser';
import { readTextAppendix } from './text-appendix.reader';
import { readXlsxAppendix } from './xlsx-appendix.reader';
import { assertZipInflatesWithin } from './zip-guard';

/**
 * From a file a person uploads to what they review before importing: sections, tasks with units
 * resolved and timelines parsed, and every problem located by section, STT and cell. Errors block
 * the import; warnings are shown and accepted by the person. Pure: the caller reads the file.
 */

export type PlanParseErrorCode =
  | AppendixErrorCode
  /** A unit cell names something that is not in the organization's directory. */
  | 'UNKNOWN_UNIT'
  /** The lead cell is empty: nobody would own the task. */
  | 'MISSING_LEAD'
  /** The timeline cell is empty, not understood, or names a date that cannot exist. */
  | 'UNREADABLE_DATE'
  /** Neither the caller nor the plan's title gives the plan year, so no timeline can be dated. */
  | 'PLAN_YEAR_UNKNOWN'
  /** A date in a year the working calendar cannot count (before 2013, after 2199): no deadline could be timed. */
  | 'CALENDAR_YEAR_UNSUPPORTED';

export type PlanParseWarningCode =
  | AppendixWarningCode
  | Exclude<TimelineWarningCode, UnreadableTimelineCode | 'TIMELINE_OUTSIDE_PLAN_PERIOD'>
  /**
   * A milestone of the row falls outside the plan period (e.g. "Tháng 06/2025" in a 2024 plan; a
   * hand-in date in January after the plan's last year is normal). Kept, flagged as a likely typo.
   */
  | 'DATE_OUTSIDE_PLAN_PERIOD'
  /** The plan says its tasks are in an appendix ("Nhiệm vụ cụ thể theo Phụ lục đính kèm") that the file does not contain. */
  | 'APPENDIX_NOT_ATTACHED';

export type UnitCellKey = 'lead' | 'coordinating';

export interface PlanParseIssue<Code extends string = PlanParseErrorCode | PlanParseWarningCode> {
  code: Code;
  /** Vietnamese, shown to the person who reviews the import. */
  message: string;
  /** Section code ("III"). */
  section?: string;
  /** STT as written in the section. */
  ordinal?: string;
  /** 'lead' | 'coordinating' | 'timeline', another column key, or an extra column's header. */
  cell?: string;
  /** The text at fault, as written: the unknown unit, the timeline fragment. */
  raw?: string;
  /** Where the row sits in the user's file. */
  source?: RowSource;
}

export interface ParsedTask {
  /** Section code ("I"). */
  section: string;
  ordinal: string;
  title: string;
  lead: UnitRef[];
  coordinating: UnitRef[];
  /** The "Thời gian thực hiện" cell as written. */
  timeline: string;
  /** Empty when the plan year is unknown (the plan then carries PLAN_YEAR_UNKNOWN). */
  milestones: Milestone[];
  note: string;
  /** Unmapped columns ("Sản phẩm"), by header text; only present when the table has such columns. */
  extra?: Record<string, string>;
}

export interface PlanParseResult {
  header: PlanHeader;
  /** First year of the plan, used to date the timelines; null when unknown. */
  planYear: number | null;
  /** Last year: `planYear` for a one-year plan, 2025 for "giai đoạn 2022-2025". */
  planEndYear: number | null;
  sections: Array<{ code: string; title: string }>;
  tasks: ParsedTask[];
  /** N of "Tổng cộng: N nhiệm vụ", or null. */
  declaredTotal: number | null;
  warnings: PlanParseIssue<PlanParseWarningCode>[];
  errors: PlanParseIssue<PlanParseErrorCode>[];
}

export interface PlanParseOptions {
  /** Whose unit names the cells use. */
  directory: UnitDirectory;
  /** Overrides the year read from the plan's title (the person knows better than a draft's title). */
  planYear?: number;
  /** Last year of a multi-year plan; defaults to the title's period when it starts at `planYear`, else `planYear`. */
  planEndYear?: number;
}

export interface PlanFileInput {
  /** The name the user gave the file: its extension says which reader to use. */
  fileName: string;
  content: Buffer | Uint8Array;
}

export type PlanFileErrorCode = 'UNSUPPORTED_FILE' | 'UNREADABLE_FILE';

/** The file as a whole cannot be read: there is no table to report row by row. */
export class PlanFileError extends DomainError {
  declare readonly code: PlanFileErrorCode;

  constructor(code: PlanFileErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message);
    this.name = 'PlanFileError';
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

type UnreadableTimelineCode = 'TIMELINE_UNPARSED' | 'TIMELINE_INVALID_DATE' | 'TIMELINE_EMPTY';

// A task with one of these has no date to schedule: importing it would create a workflow with no
// deadline, so they block the import. The other timeline warnings keep a milestone.
const UNREADABLE_TIMELINE: ReadonlySet<TimelineWarningCode> = new Set<UnreadableTimelineCode>([
  'TIMELINE_UNPARSED',
  'TIMELINE_INVALID_DATE',
  'TIMELINE_EMPTY',
]);

const TEXT_EXTENSIONS = new Set(['txt', 'text', 'md', 'markdown']);
const LEGACY_OFFICE = new Set(['doc', 'xls', 'rtf', 'odt', 'ods', 'pdf']);

type FileKind = 'docx' | 'xlsx' | 'text';

/**
 * Reads a plan file (.docx, .xlsx, or text: .txt/.md) into a parse result. The format is decided
 * by the content where it can be (a .docx is a zip holding word/document.xml), by the extension
 * otherwise. Throws `PlanFileError` when the file cannot be read at all; everything wrong inside a
 * readable file is reported in the result instead.
 */
export async function parsePlanFile(input: PlanFileInput, opts: PlanParseOptions): Promise<PlanParseResult> {
  const content = Buffer.isBuffer(input.content) ? input.content : Buffer.from(input.content);
  const kind = fileKind(input.fileName, content);
  if (kind === 'text') {
    const text = decodeText(input.fileName, content);
    // A text plan carries header, body, signature and appendix in one text: read the header from all of it.
    return buildParseResult(readTextAppendix(text), parsePlanHeader(text), opts);
  }
  const raw = await readOfficeFile(kind, input.fileName, content);
  return buildParseResult(raw, parsePlanHeader(raw.precedingText), opts);
}

function fileKind(fileName: string, content: Buffer): FileKind {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (content.length === 0) throw new PlanFileError('UNREADABLE_FILE', `Tệp "${fileName}" rỗng.`);
  if (isZip(content)) {
    // The zip's directory lists its parts by name in plain bytes: enough to tell Word from Excel.
    if (content.includes('word/document.xml')) return 'docx';
    if (content.includes('xl/workbook.xml')) return 'xlsx';
    if (extension === 'docx' || extension === 'xlsx') return extension;
    throw new PlanFileError('UNSUPPORTED_FILE', `Tệp "${fileName}" là tệp nén nhưng không phải tài liệu Word (.docx) hay Excel (.xlsx).`);
  }
  if (extension === 'docx' || extension === 'xlsx') {
    const format = extension === 'docx' ? 'Word (.docx)' : 'Excel (.xlsx)';
    throw new PlanFileError('UNREADABLE_FILE', `Tệp "${fileName}" không phải tệp ${format} hợp lệ: tệp hỏng hoặc không đúng định dạng.`);
  }
  if (LEGACY_OFFICE.has(extension) || isOle(content) || content.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new PlanFileError(
      'UNSUPPORTED_FILE',
      `Chưa đọc được tệp "${fileName}": hãy lưu kế hoạch dưới dạng Word (.docx), Excel (.xlsx) hoặc văn bản (.txt) rồi tải lên lại.`,
    );
  }
  if (TEXT_EXTENSIONS.has(extension) || extension === '') return 'text';
  throw new PlanFileError(
    'UNSUPPORTED_FILE',
    `Không hỗ trợ loại tệp ".${extension}" ("${fileName}"): chỉ nhận Word (.docx), Excel (.xlsx) hoặc văn bản (.txt, .md).`,
  );
}

/** Local file header or empty-archive record: "PK\x03\x04", "PK\x05\x06". */
function isZip(content: Buffer): boolean {
  return content.length >= 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] < 0x09 && content[3] < 0x09;
}

/** Word 97–2003 and Excel 97–2003 files (OLE compound documents). */
function isOle(content: Buffer): boolean {
  return content.length >= 4 && content.readUInt32BE(0) === 0xd0cf11e0;
}

function decodeText(fileName: string, content: Buffer): string {
  // Notepad's "Unicode" is UTF-16 with a byte-order mark; everything else is expected as UTF-8.
  const encoding = content[0] === 0xff && content[1] === 0xfe ? 'utf-16le' : content[0] === 0xfe && content[1] === 0xff ? 'utf-16be' : 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(content);
  } catch (cause) {
    throw new PlanFileError('UNREADABLE_FILE', `Tệp "${fileName}" không phải văn bản UTF-8: hãy lưu lại với mã hóa UTF-8.`, { cause });
  }
  if (text.includes('\u0000')) {
    throw new PlanFileError('UNREADABLE_FILE', `Tệp "${fileName}" không phải tệp văn bản.`);
  }
  return text;
}

async function readOfficeFile(kind: 'docx' | 'xlsx', fileName: string, content: Buffer): Promise<RawAppendix> {
  try {
    // Zip bombs are refused before any reader inflates a part into memory.
    await assertZipInflatesWithin(content);
    return kind === 'docx' ? await readDocxAppendix(content) : await readXlsxAppendix(content);
  } catch (cause) {
    const detail = cause instanceof AppendixReadError ? cause.message : 'tệp hỏng hoặc không đúng định dạng.';
    throw new PlanFileError('UNREADABLE_FILE', `Không đọc được tệp "${fileName}". ${detail}`, { cause });
  }
}

/**
 * Interprets a read appendix: resolves the unit cells against the directory, parses the timelines
 * with the plan year, and turns what a person must fix into located errors.
 */
export function buildParseResult(raw: RawAppendix, header: PlanHeader, opts: PlanParseOptions): PlanParseResult {
  const years = planYears(header, opts);
  const warnings: PlanParseIssue<PlanParseWarningCode>[] = [...raw.warnings.map(fromAppendixIssue)];
  const errors: PlanParseIssue<PlanParseErrorCode>[] = [...raw.errors.map(fromAppendixIssue)];
  if (years === null) {
    errors.unshift({
      code: 'PLAN_YEAR_UNKNOWN',
      message:
        'Không xác định được năm của kế hoạch (tiêu đề không ghi "năm …" hay "giai đoạn …"); ' +
        'cần nhập năm kế hoạch để đọc thời gian thực hiện.',
    });
  }

  const tasks: ParsedTask[] = [];
  const withExtra = raw.extraColumns.length > 0;
  for (const section of raw.sections) {
    for (const row of section.rows) {
      const lead = resolveUnits(row, section, 'lead', opts.directory, errors);
      const coordinating = resolveUnits(row, section, 'coordinating', opts.directory, errors);
      const milestones = years === null ? [] : parseRowTimeline(row, section, years, warnings, errors);
      tasks.push({
        section: section.code,
        ordinal: row.ordinal,
        title: row.cells.title,
        lead,
        coordinating,
        timeline: row.cells.timeline,
        milestones,
        note: row.cells.note,
        ...(withExtra ? { extra: { ...row.cells.extra } } : {}),
      });
    }
  }

  return {
    header,
    planYear: years?.planYear ?? null,
    planEndYear: years?.planEndYear ?? null,
    sections: raw.sections.map((section) => ({ code: section.code, title: section.title })),
    tasks,
    declaredTotal: raw.declaredTotal,
    warnings,
    errors,
  };
}

interface PlanYears {
  planYear: number;
  planEndYear: number;
}

function planYears(header: PlanHeader, opts: PlanParseOptions): PlanYears | null {
  const headerStart = header.year ?? header.period?.startYear ?? null;
  const headerEnd = header.year ?? header.period?.endYear ?? null;
  const planYear = opts.planYear ?? headerStart;
  if (planYear === null) return null;
  // The title's period only applies when the caller's year is its first year.
  const planEndYear = opts.planEndYear ?? (headerStart === planYear && headerEnd !== null ? headerEnd : planYear);
  return { planYear, planEndYear: Math.max(planYear, planEndYear) };
}

const CELL_NAMES: Record<UnitCellKey, string> = { lead: 'cơ quan chủ trì', coordinating: 'cơ quan phối hợp' };

function resolveUnits(
  row: RawRow,
  section: RawSection,
  cell: UnitCellKey,
  directory: UnitDirectory,
  errors: PlanParseIssue<PlanParseErrorCode>[],
): UnitRef[] {
  const text = row.cells[cell];
  const { refs, unknown } = resolveUnitCell(text, directory);
  const where = locate(section, row);
  for (const name of unknown) {
    errors.push({
      code: 'UNKNOWN_UNIT',
      message:
        `${where.label}: ${CELL_NAMES[cell]} "${name}" không có trong danh mục đơn vị của ${directory.organizationName}; ` +
        'cần chọn đúng đơn vị hoặc bổ sung tên gọi này vào danh mục.',
      ...where.fields,
      cell,
      raw: name,
      source: row.source,
    });
  }
  if (cell === 'lead' && refs.length === 0 && unknown.length === 0) {
    errors.push({
      code: 'MISSING_LEAD',
      message: `${where.label}: chưa có cơ quan chủ trì; cần chỉ định đơn vị chủ trì nhiệm vụ.`,
      ...where.fields,
      cell,
      raw: text,
      source: row.source,
    });
  }
  return refs;
}

function parseRowTimeline(
  row: RawRow,
  section: RawSection,
  years: PlanYears,
  warnings: PlanParseIssue<PlanParseWarningCode>[],
  errors: PlanParseIssue<PlanParseErrorCode>[],
): Milestone[] {
  const parse = parseTimeline(row.cells.timeline, years);
  const where = locate(section, row);
  for (const warning of parse.warnings) {
    const { code } = warning;
    const located = { message: warning.message, ...where.fields, cell: 'timeline', raw: warning.fragment, source: row.source };
    if (isUnreadable(code)) errors.push({ code: 'UNREADABLE_DATE', ...located });
    // Replaced by the stricter check on the plan period below.
    else if (code !== 'TIMELINE_OUTSIDE_PLAN_PERIOD') warnings.push({ code, ...located });
  }
  // The plan period is known here (title or caller), so the row is checked against it. The timeline
  // parser alone tolerates the whole following year; a plan tolerates only January after its last
  // year, the month its reports are handed in ("trước ngày 20/01/2024" in a 2023 plan).
  const periodStart = `${years.planYear}-01-01`;
  const lastTolerated = `${years.planEndYear + 1}-01-31`;
  const period = years.planEndYear > years.planYear ? `${years.planYear}–${years.planEndYear}` : `năm ${years.planYear}`;
  for (const m of parse.milestones) {
    const outside = [m.start, m.due].find((d): d is string => d !== null && (d < periodStart || d > lastTolerated));
    if (outside === undefined) continue;
    const shown = `${outside.slice(8, 10)}/${outside.slice(5, 7)}/${outside.slice(0, 4)}`;
    const about = m.label ? `"${m.source}" (mốc "${m.label}")` : `"${m.source}"`;
    warnings.push({
      code: 'DATE_OUTSIDE_PLAN_PERIOD',
      message: `${where.label}: ngày ${shown} của ${about} nằm ngoài thời gian của kế hoạch (${period}); cần kiểm tra lại.`,
      ...where.fields,
      cell: 'timeline',
      raw: m.source,
      source: row.source,
    });
  }
  const dated = new Set<number>();
  for (const m of parse.milestones) for (const d of [m.due, m.start, m.until]) if (d) dated.add(Number(d.slice(0, 4)));
  for (const year of [...dated].sort()) {
    if (year >= STATUTORY_RULES_FIRST_YEAR && year <= STATUTORY_RULES_LAST_YEAR) continue;
    errors.push({
      code: 'CALENDAR_YEAR_UNSUPPORTED',
      message:
        `${where.label}: năm ${year} nằm ngoài lịch làm việc (chỉ tính được các năm từ ${STATUTORY_RULES_FIRST_YEAR} đến ` +
        `${STATUTORY_RULES_LAST_YEAR}); không thể tính hạn của nhiệm vụ.`,
      ...where.fields,
      cell: 'timeline',
      raw: row.cells.timeline,
      source: row.source,
    });
  }
  return parse.milestones;
}

function isUnreadable(code: TimelineWarningCode): code is UnreadableTimelineCode {
  return UNREADABLE_TIMELINE.has(code);
}

function locate(section: RawSection, row: RawRow): { label: string; fields: { section: string; ordinal: string } } {
  const sectionName = section.code || `"${section.title}"`;
  return {
    label: `Mục ${sectionName}, STT ${row.ordinal || '(trống)'}`,
    fields: { section: section.code, ordinal: row.ordinal },
  };
}

function fromAppendixIssue<Code extends AppendixErrorCode | AppendixWarningCode>(issue: AppendixIssue<Code>): PlanParseIssue<Code> {
  const { code, message, section, ordinal, cell, source } = issue;
  return {
    code,
    message,
    ...(section !== undefined ? { section } : {}),
    ...(ordinal !== undefined ? { ordinal } : {}),
    ...(cell !== undefined ? { cell } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}
