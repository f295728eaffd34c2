/**
 * A report as a document, independent of the file format: heading lines, one table (column
 * headers repeated on every printed page; band rows that span the table, such as the appendix's
 * section rows; cells that span columns) and footer lines. The layout builders (plan progress,
 * unit ratings) are pure functions that produce it; the .xlsx and .docx writers render it, so both
 * files always carry the same rows.
 */

export type ReportAlign = 'left' | 'center' | 'right';

export interface ReportLine {
  text: string;
  bold?: boolean;
  italic?: boolean;
  align?: ReportAlign;
  /** Points; the writers' body size when absent. */
  size?: number;
}

export interface ReportColumn {
  header: string;
  /** Width in characters (an Excel column width); the Word table shares the page in proportion. */
  width: number;
  align?: ReportAlign;
  /** Background of the header cell (hex RGB). */
  fill?: string;
  /** Numbers of this column are shares (0–1), printed as percentages. */
  percent?: boolean;
}

export interface ReportCell {
  /** Text ('\n' separates lines) or a number; null for an empty cell. */
  value: string | number | null;
  /** Columns the cell covers (default 1). */
  span?: number;
  bold?: boolean;
  italic?: boolean;
  align?: ReportAlign;
  /** Background (hex RGB), e.g. the tint of a status word. */
  fill?: string;
  /** A number printed as a percentage. */
  percent?: boolean;
}

export type ReportRow =
  /** A row spanning the whole table (the appendix's section rows, a month of the rating). */
  | { kind: 'band'; text: string; fill?: string }
  /** Cells left to right; their spans add up to the number of columns. */
  | { kind: 'cells'; cells: ReportCell[]; bold?: boolean };

export interface ReportDocument {
  /** File name without extension; Vietnamese is fine (sent with RFC 5987). */
  fileName: string;
  /** Worksheet name: at most 31 characters, none of []:*?/\ */
  sheetName: string;
  /** Document title in the files' properties. */
  title: string;
  orientation: 'portrait' | 'landscape';
  heading: ReportLine[];
  columns: ReportColumn[];
  rows: ReportRow[];
  footer: ReportLine[];
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A share as Vietnamese documents print it: 0.6667 → "66,7%". */
export function percentText(value: number): string {
  return `${(Math.round(value * 1000) / 10).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

/** A cell's text as printed (numbers with Vietnamese separators, shares as percentages). */
export function cellText(cell: ReportCell, column?: ReportColumn): string {
  if (cell.value === null) return '';
  if (typeof cell.value === 'number') return cell.percent || column?.percent ? percentText(cell.value) : cell.value.toLocaleString('vi-VN');
  return cell.value;
}

/** Checks that every cell row covers exactly the table's columns (a layout bug otherwise). */
export function assertWellFormed(doc: ReportDocument): void {
  for (const [i, row] of doc.rows.entries()) {
    if (row.kind !== 'cells') continue;
    const width = row.cells.reduce((n, c) => n + (c.span ?? 1), 0);
    if (width !== doc.columns.length) throw new Error(`report row ${i} covers ${width} columns of ${doc.columns.length}`);
  }
}

/** A worksheet name Excel accepts. */
export function sheetNameOf(text: string): string {
  return text.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Báo cáo';
}

/** A file name every system accepts: no path separators, reserved or control characters; at most 150 characters. */
export function fileNameOf(text: string): string {
  const printable = [...text].map((ch) => (ch < ' ' || ch === '\u007f' ? ' ' : ch)).join('');
  const clean = printable.replace(/[\\/:*?"<>|]/g, ' ').replace(/\s+/g, ' ').trim();
  return (clean.length > 150 ? clean.slice(0, 150).trimEnd() : clean) || 'bao-cao';
}
