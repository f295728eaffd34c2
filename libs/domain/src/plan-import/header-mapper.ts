import { foldForSearch } from '../text/fold';
import type { ColumnKey } from './appendix.types';
import { cleanCellText } from './cell-text.util';

/**
 * Header wordings seen in plans, tested on the folded text (lowercase, no diacritics). Order
 * matters: "Cơ quan/Đơn vị chủ trì" must be read as lead before anything looks at "đơn vị".
 */
const HEADER_PATTERNS: ReadonlyArray<[ColumnKey, RegExp]> = [
  ['ordinal', /^(stt|tt|so tt|so thu tu)$/],
  ['lead', /\bchu tri\b/],
  ['coordinating', /\bphoi hop\b/],
  ['timeline', /^(thoi gian|thoi han|tien do)\b/],
  ['note', /^ghi chu\b/],
  ['title', /^(ten |noi dung )?(nhiem vu|noi dung|cong viec)\b/],
];

/** A header needs the task column and two more, so that a task row never passes for a header. */
const MIN_KNOWN_COLUMNS = 3;
/** Header cells are labels; a long text starting with "Nhiệm vụ…" is a task, not a header. */
const MAX_HEADER_LENGTH = 60;

export interface HeaderMapping {
  /** Per cell position: the known column, or null for a column kept as extra (or an empty one). */
  columns: Array<ColumnKey | null>;
  /** Header text per position, cleaned. */
  texts: string[];
  knownCount: number;
}

export function mapHeaderCell(text: string): ColumnKey | null {
  const folded = foldForSearch(cleanCellText(text)).replace(/[.:]+$/, '').trim();
  if (!folded || folded.length > MAX_HEADER_LENGTH) return null;
  for (const [key, pattern] of HEADER_PATTERNS) {
    if (pattern.test(folded)) return key;
  }
  return null;
}

/** Maps a header row; when two cells map to the same column the first wins and the other stays extra. */
export function mapHeaderRow(cells: readonly string[]): HeaderMapping {
  const texts = cells.map((c) => cleanCellText(c));
  const seen = new Set<ColumnKey>();
  const columns = texts.map((text) => {
    const key = mapHeaderCell(text);
    if (!key || seen.has(key)) return null;
    seen.add(key);
    return key;
  });
  return { columns, texts, knownCount: seen.size };
}

export function isHeaderRow(cells: readonly string[]): boolean {
  const { columns, knownCount } = mapHeaderRow(cells);
  return knownCount >= MIN_KNOWN_COLUMNS && columns.includes('title');
}
