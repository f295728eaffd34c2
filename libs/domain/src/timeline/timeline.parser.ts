import { foldSameLength } from '../text/fold';
import {
  MAX_YEAR,
  MIN_YEAR,
  daysInMonth,
  displayDate,
  endOfMonth,
  endOfQuarter,
  isoDate,
  startOfQuarter,
  yearOf,
} from './timeline.calendar';
import { invalidDateReasons, timelineMessages, warning } from './timeline.messages';
import type {
  Milestone,
  Recurrence,
  TimelineParse,
  TimelineParseOptions,
  TimelineWarning,
} from './timeline.types';

/**
 * Reads the free text of a "Thời gian thực hiện" cell into milestones (PLAN_FORMAT.md, "Timeline
 * expressions").
 *
 * Guiding rule: a wrong deadline is worse than none. Whatever is not understood with certainty gives
 * no milestone and a warning carrying the text, so a person fixes the row at import instead of a unit
 * being chased for a date nobody wrote. Pure and deterministic (no clock, no I/O), so it may run
 * inside Temporal workflow code as well as in the importer.
 *
 * How it reads a cell:
 * 1. Tidy the text (NFC, HTML/Markdown residue from the Word/PDF conversion, whitespace) and build a
 *    "folded" twin of the same length (lower case, no diacritics), so the grammar is written once in
 *    ASCII yet labels and triggers are cut from the text as written.
 * 2. Split "Nhãn: giá trị Nhãn: giá trị" into labelled segments at the colons.
 * 3. Read each value as a list of period items (dates, months, quarters, halves, years, ranges,
 *    cadences) or, failing that, as free text that names an event or an external schedule.
 * 4. Fill missing years from the plan, only where that is unambiguous, and validate every date.
 */
export function parseTimeline(raw: string, opts: TimelineParseOptions): TimelineParse {
  const ctx = contextOf(opts);
  const cell = tidy(raw);
  const milestones: Milestone[] = [];
  const warnings: TimelineWarning[] = [];

  if (cell.text === '') {
    warnings.push(warning('TIMELINE_EMPTY', timelineMessages.empty(), raw));
    return { raw, milestones, warnings };
  }

  for (const segment of segmentsOf(cell, warnings)) {
    const out = readValue(segment.value, segment.label, ctx);
    milestones.push(...out.milestones);
    warnings.push(...out.warnings);
  }

  // Every cell must leave a trace: a milestone to run or a warning for a person.
  if (milestones.length === 0 && warnings.length === 0) {
    warnings.push(warning('TIMELINE_UNPARSED', timelineMessages.unparsed(cell.text, ''), cell.text));
  }
  return { raw, milestones, warnings };
}

// ---------------------------------------------------------------------------------------------
// Options

interface Context {
  planYear: number;
  endYear: number;
  multiYear: boolean;
}

function contextOf(opts: TimelineParseOptions): Context {
  const { planYear } = opts;
  const endYear = opts.planEndYear ?? planYear;
  // Bad options are a caller bug, not user data: fail loudly instead of warning the reviewer.
  if (!Number.isInteger(planYear) || planYear < MIN_YEAR || planYear > MAX_YEAR) {
    throw new RangeError(`parseTimeline: planYear must be an integer in ${MIN_YEAR}..${MAX_YEAR}, got ${planYear}`);
  }
  if (!Number.isInteger(endYear) || endYear < planYear || endYear > MAX_YEAR) {
    throw new RangeError(`parseTimeline: planEndYear must be an integer in ${planYear}..${MAX_YEAR}, got ${endYear}`);
  }
  return { planYear, endYear, multiYear: endYear > planYear };
}

// ---------------------------------------------------------------------------------------------
// Text preparation

/** A piece of the tidied cell and its folded twin; both always have the same length. */
interface Piece {
  text: string;
  folded: string;
}

function tidy(raw: string): Piece {
  const text = raw
    .normalize('NFC')
    // Residue of the Word/PDF → text conversion (seed 003 wraps header rows in <b>, seed 004 bolds dates).
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/[*`]/g, '')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\uff1a/g, ':')
    .replace(/\r\n?|[\u2028\u2029\v\f]/g, '\n')
    // Newlines survive: in a Word cell they separate milestones ("Ban hành: …⏎Thực hiện: …").
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
  return { text, folded: foldSameLength(text) };
}

function sub(p: Piece, start: number, end: number = p.text.length): Piece {
  return { text: p.text.slice(start, end), folded: p.folded.slice(start, end) };
}

/** Drops list bullets, stray punctuation and wrapping parentheses around a value or a label. */
function trimPiece(p: Piece): Piece {
  let start = 0;
  let end = p.text.length;
  for (;;) {
    while (start < end && /[\s\-+•*.,;]/.test(p.text[start])) start++;
    while (end > start && /[\s\-+•*.,;]/.test(p.text[end - 1])) end--;
    if (end - start >= 2 && p.text[start] === '(' && p.text[end - 1] === ')' && !/[()]/.test(p.text.slice(start + 1, end - 1))) {
      start++;
      end--;
      continue;
    }
    return sub(p, start, end);
  }
}

// ---------------------------------------------------------------------------------------------
// Labelled segments: "Ban hành Kế hoạch: tháng 2/2023 Thực hiện: cả năm"

interface Segment {
  label: string;
  value: Piece;
}

function segmentsOf(cell: Piece, warnings: TimelineWarning[]): Segment[] {
  // A colon between digits is a time or "ISO 9001:2015", not a label separator.
  const colons: number[] = [];
  for (let i = 0; i < cell.text.length; i++) {
    if (cell.text[i] === ':' && !(/\d/.test(cell.text[i - 1] ?? '') && /\d/.test(cell.text[i + 1] ?? ''))) {
      colons.push(i);
    }
  }
  if (colons.length === 0) return [{ label: '', value: cell }];

  const segments: Segment[] = [];
  let label = trimPiece(sub(cell, 0, colons[0])).text;
  for (let k = 0; k < colons.length; k++) {
    const from = colons[k] + 1;
    const to = k + 1 < colons.length ? colons[k + 1] : cell.text.length;
    if (k + 1 === colons.length) {
      segments.push({ label, value: sub(cell, from, to) });
      break;
    }
    // Between two colons sits "value of this label" + "next label", with nothing reliable between them.
    const split = splitValueAndLabel(sub(cell, from, to));
    // One warning per cell is enough: the reviewer re-reads the whole cell anyway.
    if (split.unclear && !warnings.some((w) => w.code === 'TIMELINE_LABEL_UNCLEAR')) {
      warnings.push(warning('TIMELINE_LABEL_UNCLEAR', timelineMessages.labelUnclear(cell.text), cell.text));
    }
    segments.push({ label, value: split.value });
    label = split.nextLabel;
  }

  // "Tháng 12/2023:" or "Đăng ký:": a label without a value is read as the value itself.
  return segments.map((s) =>
    trimPiece(s.value).text === '' && s.label !== '' ? { label: '', value: { text: s.label, folded: foldSameLength(s.label) } } : s,
  );
}

function splitValueAndLabel(piece: Piece): { value: Piece; nextLabel: string; unclear: boolean } {
  const lead = leadingJunk(piece);
  const scan = scanItems(piece.folded, lead);
  if (scan.items.length > 0) {
    const rest = piece.text.slice(scan.end);
    const nextLabel = trimPiece(sub(piece, scan.end)).text;
    // The cut after the last date is only trusted when something marks it; a word that continues the
    // value ("tháng 3/2023 hoặc tháng 4 Thực hiện: …") means the "label" is really the value's tail.
    const separated = /^\s*[\n;,\-.]/.test(rest) || !CONTINUES_VALUE.test(foldSameLength(nextLabel));
    if (nextLabel === '' || separated) return { value: sub(piece, 0, scan.end), nextLabel, unclear: false };
    // Read the whole piece as the value: it will not parse, so no date is taken from half a sentence.
    return { value: piece, nextLabel: '', unclear: true };
  }
  // Free text (an event, an external schedule) has no end we could recognise, except a line break or ';'.
  const cut = Math.max(piece.text.lastIndexOf('\n'), piece.text.lastIndexOf(';'));
  if (cut > 0) {
    return { value: sub(piece, 0, cut), nextLabel: trimPiece(sub(piece, cut + 1)).text, unclear: false };
  }
  return { value: piece, nextLabel: '', unclear: true };
}

/** Words that go on with a time expression rather than start a label; also anything not starting with a letter. */
const CONTINUES_VALUE = /^(?:[^a-z]|(?:hoac|hay|va|den|toi|tu|hoac la|tru|ke ca|sau|truoc)\b)/;

function leadingJunk(p: Piece): number {
  const m = /^[\s\-+•*.,;(]*/.exec(p.text);
  return m ? m[0].length : 0;
}

// ---------------------------------------------------------------------------------------------
// Grammar of period items, written against the folded text.

/** What one item means before the plan's year is applied (`null` year = not written). */
type PeriodSpec =
  | { type: 'day'; day: number; month: number; year: number | null }
  | { type: 'month'; month: number; year: number | null }
  | { type: 'quarter'; quarter: number; year: number | null }
  | { type: 'half'; half: 1 | 2; year: number | null }
  | { type: 'year-end'; year: number | null }
  | { type: 'year'; year: number | null }
  | { type: 'month-range'; fromMonth: number; fromYear: number | null; toMonth: number; toYear: number | null }
  | { type: 'quarter-range'; fromQuarter: number; toQuarter: number; year: number | null }
  | { type: 'year-range'; from: number; to: number }
  | { type: 'recurring'; recurrence: Recurrence; roundDay?: number }
  /** "Đột xuất", "… hoặc đột xuất": a round each time it is asked for. */
  | { type: 'on-event' }
  /** "Từ tháng 3/2023", "Từ quý II/2024", "Từ năm 2023": from then until the plan's end. */
  | { type: 'from'; unit: 'month' | 'quarter' | 'year'; n: number; year: number | null }
  /** "Đến hết năm 2023", "Đến hết quý III/2024", "Đến hết tháng 6/2024": from the plan's start until then. */
  | { type: 'until'; unit: 'month' | 'quarter' | 'year'; n: number; year: number | null }
  /** "Năm 2023 và các năm tiếp theo": a yearly round from that year to the plan's last year. */
  | { type: 'years-onward'; from: number };

type Built = { specs: PeriodSpec[] } | { invalid: string } | { ambiguous: true };

interface ItemPattern {
  re: RegExp;
  build: (g: Record<string, string | undefined>, matched: string) => Built;
}

/** Patterns are tried at one position of the folded text (flag `y`), never searched for. */
function sticky(...parts: string[]): RegExp {
  return new RegExp(parts.join(''), 'y');
}

const END = String.raw`(?=$|[\s,;.:)\]&!?\-])`;
/** Year after a month/quarter: "/2024", "-2024", ".2024", ", 2024", " năm 2024", ", năm 2024", " 2024". */
const yearSuffix = (name: string): string => String.raw`(?:\s*[/.\-,]\s*|\s*,?\s*nam\s*|\s+)(?<${name}>\d{4})(?!\d)`;
const LIST_SEP = String.raw`\s*(?:[,&]|\bva\b)\s*`;
const QUARTER = String.raw`(?:iv|v|i{1,3}|\d{1,2})(?![a-z\d])`;
const DASH_OR_TO = String.raw`\s*(?:-|\bden\b|\btoi\b)\s*`;
/** Words that only stress a deadline: "trước ngày", "chậm nhất là ngày", "hoàn thành trước". */
const DATE_PREFIX =
  String.raw`(?:(?:du kien|hoan thanh|cham nhat|muon nhat|han chot|thoi han|han|truoc|den|vao)\s+(?:la\s+)?)*` +
  String.raw`(?:ngay\s+)?`;
/**
 * Words around a period that do not change its end: "trong quý II", "cuối tháng 3", "dự kiến quý II".
 * "Trước tháng 6" is left out on purpose: before June or by June? Nobody can tell.
 */
const PERIOD_PREFIX = String.raw`(?:(?:du kien|hoan thanh|trong|vao|cuoi)\s+)*`;

const CADENCE: Record<string, Recurrence> = { nam: 'yearly', quy: 'quarterly', thang: 'monthly', tuan: 'weekly' };
const CADENCE_WORD = String.raw`(?:(?:hang|moi)\s+)?(?:quy|(?:6|sau)\s+thang|nam|thang|tuan)(?![a-z\d])`;
const CADENCE_LIST = String.raw`${CADENCE_WORD}(?:${LIST_SEP}${CADENCE_WORD})+`;

/**
 * "quý, 6 tháng, năm" is exactly the plan's reporting calendar; "6 tháng, năm" is its two
 * half-yearly rounds (six months and the year, issue 16), never the quarters too. Any other mix is
 * run at its finest cadence, whose rounds cover the coarser ones.
 */
function combinedCadence(text: string): Recurrence {
  const order: Recurrence[] = ['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'];
  const words = text.replace(/^(?:theo\s+)?dinh ky/, '').match(/(?:6|sau)\s+thang|quy|nam|thang|tuan/g) ?? [];
  const found = words.map((w): Recurrence => CADENCE[w] ?? 'half-yearly');
  if (found.includes('half-yearly') && found.every((c) => c === 'half-yearly' || c === 'yearly')) return 'half-yearly';
  if (found.every((c) => c === 'quarterly' || c === 'half-yearly' || c === 'yearly')) return 'reporting-calendar';
  return order.find((c) => found.includes(c)) ?? 'reporting-calendar';
}

const num = (s: string | undefined): number | null => (s === undefined ? null : Number(s));

function quarterNumber(token: string): number | null {
  const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= 1 && n <= 4 ? n : null;
  }
  return roman[token] ?? null;
}

function monthOk(m: number): boolean {
  return m >= 1 && m <= 12;
}

/** "tháng 12, 1/2024": out of order, so the trailing year (or the plan's) cannot be meant for every month. */
function inOrder(values: number[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]);
}

/** "trước ngày", "chậm nhất ngày", "hạn ngày", "đến ngày" before the day each round is due. */
const ROUND_DAY_PREFIX = String.raw`(?:(?:truoc|cham nhat|muon nhat|han|den|vao)\s+(?:la\s+)?)+(?:ngay\s+)?`;
const ONWARD = String.raw`(?:\s+(?:tro di|tro ve sau|den nay))?`;

const PATTERNS: ItemPattern[] = [
  // 15/12/2023, trước ngày 20/01/2024, Trước 30/6, 15-12-2023, 15.12.2023
  {
    // The year must repeat the first separator, so "3-6/2023" (months 3 to 6?) is not read as 3 June.
    re: sticky(
      String.raw`${DATE_PREFIX}(?<d>\d{1,2})\s*(?<sep>[/.\-])\s*(?<m>\d{1,2})(?!\d)`,
      String.raw`(?:\s*\k<sep>\s*(?<y>\d{4})(?!\d)|\s*,?\s*nam\s+(?<yn>\d{4})(?!\d))?${END}`,
    ),
    build: (g) => day(Number(g.d), Number(g.m), num(g.y ?? g.yn)),
  },
  // ngày 15 tháng 12 năm 2023
  {
    re: sticky(String.raw`${DATE_PREFIX}(?<d>\d{1,2})\s+thang\s+(?<m>\d{1,2})(?!\d)(?:${yearSuffix('y')})?${END}`),
    build: (g) => day(Number(g.d), Number(g.m), num(g.y)),
  },
  // Tháng 12/2023, tháng 2, tháng 3, 6 và 9/2023, cuối tháng 5
  {
    re: sticky(
      String.raw`${PERIOD_PREFIX}thang\s+(?<m>\d{1,2})(?!\d)`,
      // A further month must not be the day of a date: "tháng 3, 15/6/2023" is a month and a day.
      String.raw`(?<more>(?:${LIST_SEP}(?:thang\s+)?\d{1,2}(?!\d)(?!\s*[/.\-]\s*\d{1,2}(?!\d)))*)`,
      String.raw`(?:${yearSuffix('y')})?${END}`,
    ),
    build: (g) => {
      const months = [Number(g.m), ...(g.more ?? '').match(/\d+/g)?.map(Number) ?? []];
      const year = num(g.y);
      const bad = months.find((m) => !monthOk(m));
      if (bad !== undefined) return { invalid: invalidDateReasons.month(bad) };
      if (!inOrder(months)) return { ambiguous: true };
      return { specs: months.map((month) => ({ type: 'month', month, year })) };
    },
  },
  // 12/2023 (month/year without the word "tháng")
  {
    re: sticky(String.raw`${PERIOD_PREFIX}(?<m>\d{1,2})\s*[/.\-]\s*(?<y>\d{4})(?!\d)${END}`),
    build: (g) => {
      const month = Number(g.m);
      return monthOk(month) ? { specs: [{ type: 'month', month, year: Number(g.y) }] } : { invalid: invalidDateReasons.month(month) };
    },
  },
  // Từ tháng 3 đến tháng 6/2023, tháng 3-6/2023, tháng 11/2023 - tháng 2/2024
  {
    re: sticky(
      String.raw`${PERIOD_PREFIX}(?:tu\s+)?thang\s+(?<m1>\d{1,2})(?!\d)(?:${yearSuffix('y1')})?`,
      String.raw`${DASH_OR_TO}(?:thang\s+)?(?<m2>\d{1,2})(?!\d)(?:${yearSuffix('y2')})?${END}`,
    ),
    build: (g) => {
      const fromMonth = Number(g.m1);
      const toMonth = Number(g.m2);
      const bad = [fromMonth, toMonth].find((m) => !monthOk(m));
      if (bad !== undefined) return { invalid: invalidDateReasons.month(bad) };
      const toYear = num(g.y2);
      const fromYear = num(g.y1) ?? toYear;
      // "tháng 11 - tháng 2/2024": November of which year? Only the writer knows.
      if (g.y1 === undefined && toYear !== null && fromMonth > toMonth) return { ambiguous: true };
      return { specs: [{ type: 'month-range', fromMonth, fromYear, toMonth, toYear }] };
    },
  },
  // Quý I/2024, Quý II, quý 2 năm 2024, Quý IV-2023, quý II, quý III năm 2024, quý I, II/2024
  {
    re: sticky(
      String.raw`${PERIOD_PREFIX}qu[yi]\s+(?<q>${QUARTER})`,
      String.raw`(?<more>(?:${LIST_SEP}(?:qu[yi]\s+)?${QUARTER})*)(?:${yearSuffix('y')})?${END}`,
    ),
    build: (g) => {
      const tokens = [g.q ?? '', ...((g.more ?? '').replace(/\bva\b|qu[yi]/g, ' ').match(/[a-z\d]+/g) ?? [])];
      const quarters = tokens.map(quarterNumber);
      const badIndex = quarters.findIndex((q) => q === null);
      if (badIndex >= 0) return { invalid: invalidDateReasons.quarter(tokens[badIndex]) };
      const year = num(g.y);
      const qs = quarters as number[];
      if (!inOrder(qs)) return { ambiguous: true };
      return { specs: qs.map((quarter) => ({ type: 'quarter', quarter, year })) };
    },
  },
  // Quý I - quý II/2024, từ quý II đến quý III năm 2024
  {
    re: sticky(
      String.raw`${PERIOD_PREFIX}(?:tu\s+)?qu[yi]\s+(?<q1>${QUARTER})`,
      String.raw`${DASH_OR_TO}(?:qu[yi]\s+)?(?<q2>${QUARTER})(?:${yearSuffix('y')})?${END}`,
    ),
    build: (g, matched) => {
      const from = quarterNumber(g.q1 ?? '');
      const to = quarterNumber(g.q2 ?? '');
      if (from === null) return { invalid: invalidDateReasons.quarter(g.q1 ?? '') };
      if (to === null) return { invalid: invalidDateReasons.quarter(g.q2 ?? '') };
      if (from > to) return { invalid: invalidDateReasons.periodOrder(matched.trim()) };
      return { specs: [{ type: 'quarter-range', fromQuarter: from, toQuarter: to, year: num(g.y) }] };
    },
  },
  // 6 tháng đầu năm, 6 tháng cuối năm 2023, sáu tháng đầu năm
  {
    re: sticky(String.raw`${PERIOD_PREFIX}(?:6|sau)\s+thang\s+(?<h>dau|cuoi)(?:\s+nam)?(?:${yearSuffix('y')})?${END}`),
    build: (g) => ({ specs: [{ type: 'half', half: g.h === 'dau' ? 1 : 2, year: num(g.y) }] }),
  },
  // nửa đầu năm, nửa cuối năm 2024
  {
    re: sticky(String.raw`${PERIOD_PREFIX}nua\s+(?<h>dau|cuoi)\s+nam(?:${yearSuffix('y')})?${END}`),
    build: (g) => ({ specs: [{ type: 'half', half: g.h === 'dau' ? 1 : 2, year: num(g.y) }] }),
  },
  // "6 tháng năm 2024" is the half-year report's period (seed 004). A bare "6 tháng" is not taken:
  // it may just as well be a duration ("trong 6 tháng").
  {
    // No comma allowed: "6 tháng, năm" lists report cadences, it is not a period.
    re: sticky(String.raw`${PERIOD_PREFIX}(?:6|sau)\s+thang\s+nam(?:\s*(?<y>\d{4})(?!\d))?${END}`),
    build: (g) => ({ specs: [{ type: 'half', half: 1, year: num(g.y) }] }),
  },
  // cuối năm, cuối năm 2023: a deadline, unlike "cả năm" which is a whole year of work
  {
    re: sticky(String.raw`(?:(?:du kien|hoan thanh|truoc|vao)\s+)*cuoi\s+nam(?:${yearSuffix('y')})?${END}`),
    build: (g) => ({ specs: [{ type: 'year-end', year: num(g.y) }] }),
  },
  // Cả năm, Trong năm 2023, suốt năm
  {
    re: sticky(String.raw`(?:ca|trong|suot)\s+nam(?:${yearSuffix('y')})?${END}`),
    build: (g) => ({ specs: [{ type: 'year', year: num(g.y) }] }),
  },
  // Năm 2024, 2024
  {
    re: sticky(String.raw`(?:(?:du kien|hoan thanh|trong)\s+)*(?:nam\s+)?(?<y>\d{4})(?!\d)${END}`),
    build: (g) => ({ specs: [{ type: 'year', year: Number(g.y) }] }),
  },
  // Giai đoạn 2022-2025, 2022-2025, từ năm 2022 đến năm 2025
  {
    re: sticky(
      String.raw`${PERIOD_PREFIX}(?:giai doan\s+)?(?:tu\s+)?(?:nam\s+)?(?<y1>\d{4})`,
      String.raw`${DASH_OR_TO}(?:nam\s+)?(?<y2>\d{4})(?!\d)${END}`,
    ),
    build: (g) => {
      const from = Number(g.y1);
      const to = Number(g.y2);
      // A plan period runs a few years (the national programme is 2021–2030); more is a typo.
      if (from > to || to - from > 10) return { invalid: invalidDateReasons.yearRange(from, to) };
      return { specs: [{ type: 'year-range', from, to }] };
    },
  },
  // Thường xuyên, liên tục
  {
    re: sticky(String.raw`(?:thuong xuyen|lien tuc)(?:\s*,?\s*(?:va\s+)?(?:thuong xuyen|lien tuc))?${END}`),
    build: () => ({ specs: [{ type: 'recurring', recurrence: 'reporting-calendar' }] }),
  },
  // Hằng năm, hàng quý, định kỳ hằng quý, mỗi tháng
  {
    re: sticky(String.raw`(?:(?:theo\s+)?dinh ky\s+)?(?:hang|moi)\s+(?<c>nam|quy|thang|tuan)${END}`),
    build: (g) => ({ specs: [{ type: 'recurring', recurrence: CADENCE[g.c ?? ''] ?? 'reporting-calendar' }] }),
  },
  // Định kỳ quý, định kỳ theo năm
  {
    re: sticky(String.raw`(?:theo\s+)?dinh ky\s+(?:theo\s+)?(?<c>nam|quy|thang|tuan)${END}`),
    build: (g) => ({ specs: [{ type: 'recurring', recurrence: CADENCE[g.c ?? ''] ?? 'reporting-calendar' }] }),
  },
  // Định kỳ 6 tháng, định kỳ hằng 6 tháng
  {
    re: sticky(String.raw`(?:theo\s+)?dinh ky\s+(?:(?:hang|moi)\s+)?(?:6|sau)\s+thang${END}`),
    build: () => ({ specs: [{ type: 'recurring', recurrence: 'half-yearly' }] }),
  },
  // Định kỳ (quý, 6 tháng, năm), định kỳ hàng quý, 6 tháng, năm: several cadences at once
  {
    re: sticky(String.raw`(?:theo\s+)?dinh ky\s*(?:\(\s*${CADENCE_LIST}\s*\)|${CADENCE_LIST})${END}`),
    build: (_g, matched) => ({ specs: [{ type: 'recurring', recurrence: combinedCadence(matched) }] }),
  },
  // Định kỳ: the plan's own reporting calendar
  {
    re: sticky(String.raw`(?:theo\s+)?dinh ky${END}`),
    build: () => ({ specs: [{ type: 'recurring', recurrence: 'reporting-calendar' }] }),
  },
  // Trước ngày 10 hằng tháng; Hằng tháng (trước ngày 25); hằng tháng, chậm nhất ngày 25
  {
    re: sticky(String.raw`${ROUND_DAY_PREFIX}(?<d>\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+thang${END}`),
    build: (g) => roundDay('monthly', Number(g.d)),
  },
  {
    re: sticky(String.raw`(?:(?:theo\s+)?dinh ky\s+)?(?:hang|moi)\s+thang\s*(?:\(\s*|,\s*)${ROUND_DAY_PREFIX}(?<d>\d{1,2})\s*\)?${END}`),
    build: (g) => roundDay('monthly', Number(g.d)),
  },
  // Trước ngày 20 tháng cuối quý; Hằng quý (trước ngày 20 tháng cuối quý)
  {
    re: sticky(
      String.raw`(?:(?:(?:theo\s+)?dinh ky\s+)?(?:hang|moi)\s+quy\s*(?:\(\s*|,\s*)?)?${ROUND_DAY_PREFIX}(?<d>\d{1,2})\s+`,
      String.raw`(?:cua\s+)?thang\s+cuoi\s+(?:(?:cua|moi|hang)\s+)?quy\s*\)?${END}`,
    ),
    build: (g) => roundDay('quarterly', Number(g.d)),
  },
  // Đột xuất, hoặc đột xuất ("Định kỳ, đột xuất", "Hằng quý hoặc đột xuất")
  {
    re: sticky(String.raw`(?:hoac\s+|va\s+)?dot xuat${END}`),
    build: () => ({ specs: [{ type: 'on-event' }] }),
  },
  // Hằng quý, 6 tháng, năm; Hằng tuần, tháng; Theo từng tuần, tháng (no "Định kỳ")
  {
    re: sticky(String.raw`(?:theo\s+)?(?:hang|moi|tung)\s+(?:quy|(?:6|sau)\s+thang|nam|thang|tuan)(?:${LIST_SEP}${CADENCE_WORD})+${END}`),
    build: (_g, matched) => ({ specs: [{ type: 'recurring', recurrence: combinedCadence(matched) }] }),
  },
  // Theo từng tuần, theo từng tháng
  {
    re: sticky(String.raw`(?:theo\s+)?tung\s+(?<c>nam|quy|thang|tuan)${END}`),
    build: (g) => ({ specs: [{ type: 'recurring', recurrence: CADENCE[g.c ?? ''] ?? 'reporting-calendar' }] }),
  },
  // "6 tháng" as the whole value: the half-yearly report. Inside a sentence it stays a duration.
  {
    re: sticky(String.raw`(?:hang\s+|moi\s+)?(?:6|sau)\s+thang(?=\s*$)`),
    build: () => ({ specs: [{ type: 'recurring', recurrence: 'half-yearly' }] }),
  },
  // Từ tháng 3/2023, từ tháng 3/2023 trở đi
  {
    re: sticky(String.raw`tu\s+thang\s+(?<m>\d{1,2})(?!\d)(?:${yearSuffix('y')})?${ONWARD}${END}`),
    build: (g) => {
      const n = Number(g.m);
      return monthOk(n) ? { specs: [{ type: 'from', unit: 'month', n, year: num(g.y) }] } : { invalid: invalidDateReasons.month(n) };
    },
  },
  // Từ quý II/2024
  {
    re: sticky(String.raw`tu\s+qu[yi]\s+(?<q>${QUARTER})(?:${yearSuffix('y')})?${ONWARD}${END}`),
    build: (g) => quarterSpec('from', g.q ?? '', num(g.y)),
  },
  // Từ năm 2023 (trở đi)
  {
    re: sticky(String.raw`tu\s+nam\s+(?<y>\d{4})(?!\d)${ONWARD}${END}`),
    build: (g) => ({ specs: [{ type: 'from', unit: 'year', n: 1, year: Number(g.y) }] }),
  },
  // Đến hết năm 2023, đến cuối năm 2023
  {
    re: sticky(String.raw`(?:den|toi)\s+(?:het|cuoi)\s+nam(?:${yearSuffix('y')})?${END}`),
    build: (g) => ({ specs: [{ type: 'until', unit: 'year', n: 12, year: num(g.y) }] }),
  },
  // Đến hết quý III/2024
  {
    re: sticky(String.raw`(?:den|toi)\s+(?:het|cuoi)\s+qu[yi]\s+(?<q>${QUARTER})(?:${yearSuffix('y')})?${END}`),
    build: (g) => quarterSpec('until', g.q ?? '', num(g.y)),
  },
  // Đến hết tháng 6/2024
  {
    re: sticky(String.raw`(?:den|toi)\s+(?:het|cuoi)\s+thang\s+(?<m>\d{1,2})(?!\d)(?:${yearSuffix('y')})?${END}`),
    build: (g) => {
      const n = Number(g.m);
      return monthOk(n) ? { specs: [{ type: 'until', unit: 'month', n, year: num(g.y) }] } : { invalid: invalidDateReasons.month(n) };
    },
  },
  // Năm 2023 và các năm tiếp theo; từ năm 2023 và những năm sau
  {
    re: sticky(
      String.raw`(?:tu\s+)?(?:nam\s+)?(?<y>\d{4})(?!\d)\s*,?\s*(?:va\s+)?(?:cac|nhung)\s+nam\s+(?:tiep theo|ke tiep|sau(?:\s+do)?|tiep)${END}`,
    ),
    build: (g) => ({ specs: [{ type: 'years-onward', from: Number(g.y) }] }),
  },
  // Tháng 12/2023 - 2024: from that month to the end of the second year
  {
    re: sticky(
      String.raw`${PERIOD_PREFIX}(?:tu\s+)?thang\s+(?<m>\d{1,2})\s*[/.\-]\s*(?<y1>\d{4})(?!\d)${DASH_OR_TO}(?:(?:het|cuoi)\s+)?(?:nam\s+)?(?<y2>\d{4})(?!\d)${END}`,
    ),
    build: (g) => {
      const m = Number(g.m);
      if (!monthOk(m)) return { invalid: invalidDateReasons.month(m) };
      return { specs: [{ type: 'month-range', fromMonth: m, fromYear: Number(g.y1), toMonth: 12, toYear: Number(g.y2) }] };
    },
  },
];


function roundDay(recurrence: 'monthly' | 'quarterly', d: number): Built {
  // A day every month has (1..28) would be safer, but "trước ngày 30 hằng tháng" is written: it is
  // read as the month's last day where shorter, by whoever schedules the round.
  if (d < 1 || d > 31) return { invalid: invalidDateReasons.roundDay(d) };
  return { specs: [{ type: 'recurring', recurrence, roundDay: d }] };
}

function quarterSpec(type: 'from' | 'until', token: string, year: number | null): Built {
  const n = quarterNumber(token);
  return n === null ? { invalid: invalidDateReasons.quarter(token) } : { specs: [{ type, unit: 'quarter', n, year }] };
}

function day(d: number, month: number, year: number | null): Built {
  if (!monthOk(month)) return { invalid: invalidDateReasons.month(month) };
  // Checked against the month's longest length now (2000 is a leap year), against the real year once
  // the plan's year is filled in, so "29/02" is judged in the right year.
  if (d < 1 || d > daysInMonth(2000, month)) return { invalid: invalidDateReasons.day(d, month, year) };
  return { specs: [{ type: 'day', day: d, month, year }] };
}

interface ItemMatch {
  start: number;
  end: number;
  built: Built;
}

/** Longest match wins, so "tháng 3-6/2023" is a range and not "tháng 3" followed by junk. */
function matchItem(folded: string, pos: number): ItemMatch | null {
  let best: { end: number; pattern: ItemPattern; groups: Record<string, string | undefined>; text: string } | null = null;
  for (const pattern of PATTERNS) {
    pattern.re.lastIndex = pos;
    const m = pattern.re.exec(folded);
    if (m && (best === null || m.index + m[0].length > best.end)) {
      best = { end: m.index + m[0].length, pattern, groups: m.groups ?? {}, text: m[0] };
    }
  }
  if (best === null) return null;
  return { start: pos, end: best.end, built: best.pattern.build(best.groups, best.text) };
}

const ITEM_SEP = /\s*(?:[,;&+\n]|\bva\b)\s*|\s+/y;

/** Reads as many items as follow one another from `pos`; `end` is just after the last one. */
function scanItems(folded: string, pos: number): { items: ItemMatch[]; end: number } {
  const items: ItemMatch[] = [];
  let end = pos;
  let at = pos;
  for (;;) {
    const item = matchItem(folded, at);
    if (item === null || item.end === at) break;
    items.push(item);
    end = item.end;
    ITEM_SEP.lastIndex = end;
    const sep = ITEM_SEP.exec(folded);
    if (sep === null) break;
    at = end + sep[0].length;
  }
  return { items, end };
}

// ---------------------------------------------------------------------------------------------
// Free text: events, external schedules, recurring on an event

const ON_EVENT = /^(?:moi khi|moi lan|khi phat sinh|khi co yeu cau|theo yeu cau|dot xuat)\b/;
/** "Khi nào" asks "when?": it names no event. */
const WHEN = /^khi\b(?!\s+nao\b)/;
/** "Khi có các văn bản … mới": plural or "new" means every such event, not one. */
const WHEN_REPEATED = /\b(?:cac|nhung|moi)\b/;
const AFTER = /^(?:ngay\s+)?(?:sau\s+khi|sau|ke tu|tu khi)\b/;
const EXTERNAL = /^(?:theo|tuy theo|tuy thuoc|phu thuoc|can cu)\b/;

type FreeKind = 'event' | 'external' | 'on-event';

/**
 * "Trước/sau/dịp Tết (Nguyên đán)": which Tết, and how long before? "Theo quy định", "Theo chỉ đạo
 * (của …)": the rule or the instruction carries the date, the plan does not.
 */
const NOT_FIXED = /^(?:(?:truoc|sau|vao|dip|trong dip|gan)\s+)?tet\b|^(?:theo|tuy theo)\s+(?:(?:cac|nhung)\s+)?(?:quy dinh|chi dao)\b/;

function freeTextKind(folded: string): FreeKind | null {
  const text = folded.replace(/^du kien\s+/, '');
  if (ON_EVENT.test(text)) return 'on-event';
  if (WHEN.test(text)) return WHEN_REPEATED.test(text) ? 'on-event' : 'event';
  if (AFTER.test(text)) return 'event';
  if (EXTERNAL.test(text)) return 'external';
  return null;
}

// ---------------------------------------------------------------------------------------------
// One value → milestones

interface ValueOutcome {
  milestones: Milestone[];
  warnings: TimelineWarning[];
}

function readValue(rawValue: Piece, label: string, ctx: Context): ValueOutcome {
  const value = trimPiece(rawValue);
  const fragment = value.text;
  if (fragment === '') {
    return label === '' ? { milestones: [], warnings: [] } : fail('TIMELINE_UNPARSED', timelineMessages.unparsed(label, ''), label);
  }

  const scan = scanItems(value.folded, 0);
  const whole = scan.items.length > 0 && value.folded.slice(scan.end).trim() === '';
  if (whole) {
    const invalid = scan.items.find((i): i is ItemMatch & { built: { invalid: string } } => 'invalid' in i.built);
    if (invalid) return fail('TIMELINE_INVALID_DATE', timelineMessages.invalidDate(fragment, label, invalid.built.invalid), fragment);
    if (scan.items.some((i) => 'ambiguous' in i.built)) {
      return fail('TIMELINE_AMBIGUOUS_YEAR', timelineMessages.ambiguousYear(fragment, label), fragment);
    }
    return fromItems(scan.items, value, label, ctx);
  }

  // Depends on something the text does not fix: a person enters the date; nothing is guessed.
  if (NOT_FIXED.test(value.folded.replace(/^du kien\s+/, ''))) {
    return {
      milestones: [freeMilestone('external', value.text, label, ctx)],
      warnings: [warning('TIMELINE_NOT_FIXED', timelineMessages.notFixed(fragment, label), fragment)],
    };
  }
  const free = freeTextKind(value.folded);
  if (free !== null) return { milestones: [freeMilestone(free, value.text, label, ctx)], warnings: [] };

  return fail('TIMELINE_UNPARSED', timelineMessages.unparsed(fragment, label), fragment);
}

function fail(code: TimelineWarning['code'], message: string, fragment: string): ValueOutcome {
  return { milestones: [], warnings: [warning(code, message, fragment)] };
}

function freeMilestone(kind: FreeKind, text: string, label: string, ctx: Context): Milestone {
  if (kind === 'on-event') {
    return { label, kind: 'recurring', due: null, ...planWindow(ctx), trigger: text, recurrence: 'on-event', source: text };
  }
  return { label, kind, due: null, start: null, until: null, trigger: text, recurrence: null, source: text };
}

function planWindow(ctx: Context): { start: string; until: string } {
  return { start: isoDate(ctx.planYear, 1, 1), until: isoDate(ctx.endYear, 12, 31) };
}

/** A spec with its year settled, plus the text it came from. */
interface Resolved {
  spec: PeriodSpec;
  source: string;
}

function fromItems(items: ItemMatch[], value: Piece, label: string, ctx: Context): ValueOutcome {
  const fragment = value.text;
  const specs: Resolved[] = items.flatMap((item) =>
    'specs' in item.built ? item.built.specs.map((spec) => ({ spec, source: trimPiece(sub(value, item.start, item.end)).text })) : [],
  );

  // The plan's year fills a gap only when nothing else in the value contradicts it.
  const written = specs.flatMap((r) => writtenYears(r.spec));
  if (specs.some((r) => lacksYear(r.spec))) {
    if (written.some((y) => y !== ctx.planYear)) {
      return fail('TIMELINE_AMBIGUOUS_YEAR', timelineMessages.ambiguousYear(fragment, label), fragment);
    }
    if (ctx.multiYear) {
      return fail('TIMELINE_YEAR_MISSING', timelineMessages.yearMissing(fragment, label, ctx.planYear, ctx.endYear), fragment);
    }
  }
  const settled = specs.map((r) => ({ ...r, spec: withYear(r.spec, ctx.planYear) }));

  for (const { spec } of settled) {
    const problem = validate(spec);
    if (problem !== null) return fail('TIMELINE_INVALID_DATE', timelineMessages.invalidDate(fragment, label, problem), fragment);
  }

  const expanded = settled.flatMap((r) => toMilestones(r.spec, r.source, ctx));
  // "15/12, 20/01" with the plan's year filled in would run backwards: the writer meant another year somewhere.
  const dues = expanded.map((e) => e.milestone.due).filter((d): d is string => d !== null);
  if (specs.some((r) => lacksYear(r.spec)) && dues.some((d, i) => i > 0 && d < dues[i - 1])) {
    return fail('TIMELINE_AMBIGUOUS_YEAR', timelineMessages.ambiguousYear(fragment, label), fragment);
  }
  const several = expanded.length > 1;
  const milestones = expanded.map(({ milestone, period }) => ({
    ...milestone,
    // Several milestones from one value would be indistinguishable in an inbox without their period.
    label: several ? (label ? `${label} (${period})` : capitalize(period)) : label,
  }));

  const warnings: TimelineWarning[] = [];
  for (const m of milestones) {
    if (m.due !== null && (yearOf(m.due) < ctx.planYear || yearOf(m.due) > ctx.endYear + 1)) {
      // Tolerates the next year (hand-in dates such as "trước ngày 20/01/2024" in a 2023 plan).
      const period = ctx.multiYear ? `${ctx.planYear}–${ctx.endYear}` : `năm ${ctx.planYear}`;
      warnings.push(
        warning('TIMELINE_OUTSIDE_PLAN_PERIOD', timelineMessages.outsidePlanPeriod(m.source, label, displayDate(m.due), period), m.source),
      );
    }
  }
  return { milestones, warnings };
}

function writtenYears(spec: PeriodSpec): number[] {
  switch (spec.type) {
    case 'month-range':
      return [spec.fromYear, spec.toYear].filter((y): y is number => y !== null);
    case 'year-range':
      return [spec.from, spec.to];
    case 'years-onward':
      return [spec.from];
    case 'recurring':
    case 'on-event':
      return [];
    default:
      return spec.year === null ? [] : [spec.year];
  }
}

function lacksYear(spec: PeriodSpec): boolean {
  switch (spec.type) {
    case 'month-range':
      return spec.fromYear === null || spec.toYear === null;
    case 'year-range':
    case 'years-onward':
    case 'recurring':
    case 'on-event':
      return false;
    default:
      return spec.year === null;
  }
}

function withYear(spec: PeriodSpec, planYear: number): PeriodSpec {
  switch (spec.type) {
    case 'month-range':
      return { ...spec, fromYear: spec.fromYear ?? planYear, toYear: spec.toYear ?? planYear };
    case 'year-range':
    case 'years-onward':
    case 'recurring':
    case 'on-event':
      return spec;
    default:
      return { ...spec, year: spec.year ?? planYear };
  }
}

function validate(spec: PeriodSpec): string | null {
  for (const y of writtenYears(spec)) {
    if (y < MIN_YEAR || y > MAX_YEAR) return invalidDateReasons.year(y, MIN_YEAR, MAX_YEAR);
  }
  if (spec.type === 'day' && spec.year !== null && spec.day > daysInMonth(spec.year, spec.month)) {
    return invalidDateReasons.day(spec.day, spec.month, spec.year);
  }
  if (spec.type === 'month-range' && spec.fromYear !== null && spec.toYear !== null) {
    if (spec.fromYear * 12 + spec.fromMonth > spec.toYear * 12 + spec.toMonth) {
      return invalidDateReasons.periodOrder(`tháng ${spec.fromMonth}/${spec.fromYear} – tháng ${spec.toMonth}/${spec.toYear}`);
    }
  }
  return null;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

function toMilestones(spec: PeriodSpec, source: string, ctx: Context): { milestone: Milestone; period: string }[] {
  const deadline = (due: string, period: string) => ({
    milestone: { label: '', kind: 'deadline' as const, due, start: null, until: null, trigger: null, recurrence: null, source },
    period,
  });
  const ongoing = (start: string, due: string, period: string) => ({
    milestone: { label: '', kind: 'ongoing' as const, due, start, until: due, trigger: null, recurrence: 'reporting-calendar' as const, source },
    period,
  });
  const y = (year: number | null): number => year ?? ctx.planYear;

  switch (spec.type) {
    case 'day':
      return [deadline(isoDate(y(spec.year), spec.month, spec.day), `ngày ${displayDate(isoDate(y(spec.year), spec.month, spec.day))}`)];
    case 'month':
      return [deadline(endOfMonth(y(spec.year), spec.month), `tháng ${spec.month}/${y(spec.year)}`)];
    case 'quarter':
      return [deadline(endOfQuarter(y(spec.year), spec.quarter), `quý ${ROMAN[spec.quarter]}/${y(spec.year)}`)];
    case 'half':
      return [
        deadline(
          isoDate(y(spec.year), spec.half === 1 ? 6 : 12, spec.half === 1 ? 30 : 31),
          `6 tháng ${spec.half === 1 ? 'đầu' : 'cuối'} năm ${y(spec.year)}`,
        ),
      ];
    case 'year-end':
      return [deadline(isoDate(y(spec.year), 12, 31), `cuối năm ${y(spec.year)}`)];
    case 'year':
      return [ongoing(isoDate(y(spec.year), 1, 1), isoDate(y(spec.year), 12, 31), `năm ${y(spec.year)}`)];
    case 'month-range': {
      const fromYear = y(spec.fromYear);
      const toYear = y(spec.toYear);
      return [
        ongoing(
          isoDate(fromYear, spec.fromMonth, 1),
          endOfMonth(toYear, spec.toMonth),
          `tháng ${spec.fromMonth}/${fromYear} – tháng ${spec.toMonth}/${toYear}`,
        ),
      ];
    }
    case 'quarter-range':
      return [
        ongoing(
          startOfQuarter(y(spec.year), spec.fromQuarter),
          endOfQuarter(y(spec.year), spec.toQuarter),
          `quý ${ROMAN[spec.fromQuarter]} – quý ${ROMAN[spec.toQuarter]}/${y(spec.year)}`,
        ),
      ];
    case 'year-range': {
      // Multi-year work is run as one yearly round per year, each with its own final deadline.
      const rounds: { milestone: Milestone; period: string }[] = [];
      for (let year = spec.from; year <= spec.to; year++) rounds.push(ongoing(isoDate(year, 1, 1), isoDate(year, 12, 31), `năm ${year}`));
      return rounds;
    }
    case 'recurring':
      return [
        {
          milestone: {
            label: '',
            kind: 'recurring',
            due: null,
            ...planWindow(ctx),
            trigger: null,
            recurrence: spec.recurrence,
            source,
            ...(spec.roundDay === undefined ? {} : { roundDay: spec.roundDay }),
          },
          period: source,
        },
      ];
    case 'on-event':
    {
      // "hoặc đột xuất": the joining word is not part of the trigger.
      const trigger = source.replace(/^(?:hoặc|và)\s+/iu, '');
      return [{ milestone: freeMilestone('on-event', trigger, '', ctx), period: trigger }];
    }
    case 'from': {
      const year = y(spec.year);
      const start =
        spec.unit === 'month' ? isoDate(year, spec.n, 1) : spec.unit === 'quarter' ? startOfQuarter(year, spec.n) : isoDate(year, 1, 1);
      const planEnd = isoDate(Math.max(ctx.endYear, year), 12, 31);
      const what = spec.unit === 'month' ? `tháng ${spec.n}/${year}` : spec.unit === 'quarter' ? `quý ${ROMAN[spec.n]}/${year}` : `năm ${year}`;
      return [ongoing(start, planEnd, `từ ${what}`)];
    }
    case 'until': {
      const year = y(spec.year);
      const due = spec.unit === 'quarter' ? endOfQuarter(year, spec.n) : endOfMonth(year, spec.n);
      // From the plan's start; an end before the plan starts runs over that end's own year (and is flagged below).
      const start = isoDate(Math.min(ctx.planYear, year), 1, 1);
      const what = spec.unit === 'month' ? `tháng ${spec.n}/${year}` : spec.unit === 'quarter' ? `quý ${ROMAN[spec.n]}/${year}` : `năm ${year}`;
      return [ongoing(start, due, `đến hết ${what}`)];
    }
    case 'years-onward': {
      const rounds: { milestone: Milestone; period: string }[] = [];
      for (let year = spec.from; year <= Math.max(spec.from, ctx.endYear); year++) {
        rounds.push(ongoing(isoDate(year, 1, 1), isoDate(year, 12, 31), `năm ${year}`));
      }
      return rounds;
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
