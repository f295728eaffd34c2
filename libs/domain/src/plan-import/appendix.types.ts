/**
 * The one shape every appendix reader (text, .docx, .xlsx) produces. Everything after reading —
 * timeline parsing, unit resolution, validation, persistence — works on this and never on a format.
 * Cell texts are raw: cleaned of markup and whitespace, but not interpreted.
 */

export type ColumnKey = 'ordinal' | 'title' | 'lead' | 'coordinating' | 'timeline' | 'note';

export const COLUMN_KEYS: readonly ColumnKey[] = ['ordinal', 'title', 'lead', 'coordinating', 'timeline', 'note'];

/** Where a row came from, in the terms the user's file uses: a text line, a table row, a sheet row. */
export interface RowSource {
  /** 1-based line of the text form. */
  line?: number;
  /** 1-based row: within the sheet (.xlsx) or within the Word table `table` (.docx). */
  row?: number;
  sheet?: string;
  /** 1-based index of the Word table among all tables of the document body. */
  table?: number;
}

export interface RawRowCells {
  title: string;
  lead: string;
  coordinating: string;
  timeline: string;
  note: string;
  /** Unmapped columns ("Sản phẩm", "Kết quả đầu ra"), keyed by their header text. */
  extra: Record<string, string>;
}

export interface RawRow {
  /** As written ("1", "2.1"); restarts in every section. */
  ordinal: string;
  cells: RawRowCells;
  /** The row that started the task; continuation rows glued into it are not listed. */
  source: RowSource;
}

export interface RawSection {
  /** Roman numeral ("I", "VII"); empty when the section row had none. */
  code: string;
  title: string;
  rows: RawRow[];
}

export type AppendixErrorCode =
  | 'HEADER_NOT_FOUND'
  | 'EMPTY_TITLE'
  | 'DUPLICATE_ORDINAL'
  | 'MISSING_ORDINAL';

export type AppendixWarningCode =
  | 'DECLARED_TOTAL_MISMATCH'
  | 'STRAY_TEXT'
  | 'EXTRA_CELLS'
  | 'NO_ORDINAL_COLUMN'
  | 'FORMULA_WITHOUT_RESULT'
  | 'OTHER_TABLE_IGNORED';

export interface AppendixIssue<Code extends string = AppendixErrorCode | AppendixWarningCode> {
  code: Code;
  /** Vietnamese, shown to the user as is. */
  message: string;
  /** Section code ("III"). */
  section?: string;
  ordinal?: string;
  /** Column key, or the header text of an extra column. */
  cell?: string;
  source?: RowSource;
}

export interface RawAppendix {
  /** Known columns found in the header, in table order. */
  columns: ColumnKey[];
  /** Header text of the columns kept but not mapped, in table order. */
  extraColumns: string[];
  sections: RawSection[];
  /** N of the footer "Tổng cộng: N nhiệm vụ", or null when there is none. */
  declaredTotal: number | null;
  /**
   * Text before the table (plan body, appendix title, the header block of a Word file), one entry
   * per paragraph/line/row; the plan-header extraction reads number, date and title from it.
   */
  precedingText: string[];
  warnings: AppendixIssue<AppendixWarningCode>[];
  errors: AppendixIssue<AppendixErrorCode>[];
}

/**
 * What a reader hands the assembler: rows of cell texts in column order, before any interpretation.
 * Flags carry what only the file format knows.
 */
export interface GridRow {
  cells: string[];
  source: RowSource;
  /** Per cell: the value comes from a cell merged down from the row above (docx vMerge, xlsx merge). */
  mergedFromAbove?: boolean[];
  /** The row is one cell stretched over the whole table (docx gridSpan, xlsx horizontal merge). */
  spansAllColumns?: boolean;
  /** A line or paragraph that is not a table row (text outside/between tables). */
  freeText?: boolean;
}

export type AppendixReadErrorCode = 'UNREADABLE_FILE';

/** The file itself cannot be opened (not a .docx/.xlsx, corrupt archive): nothing to report row by row. */
export class AppendixReadError extends Error {
  constructor(
    readonly code: AppendixReadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppendixReadError';
  }
}
