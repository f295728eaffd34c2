import { foldForSearch } from '../text/fold';
import type {
  AppendixErrorCode,
  AppendixIssue,
  AppendixWarningCode,
  ColumnKey,
  GridRow,
  RawAppendix,
  RawRow,
  RawRowCells,
  RawSection,
  RowSource,
} from './appendix.types';
import { cleanCellText, glueText } from './cell-text.util';
import { isHeaderRow, mapHeaderCell, mapHeaderRow } from './header-mapper';

type CellKey = Exclude<ColumnKey, 'ordinal'>;

const ROMAN_NUMERAL = /^(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const SECTION_HEADING = /^([IVXLCDM]+)\s*[.):\-–]\s*(\S.*)$/;
const BARE_ROMAN = /^([IVXLCDM]+)\s*[.)]?$/;
const FOOTER = /^tong (cong|so)\b/;
const COLUMN_NUMBER = /^\(?(\d+)\)?$/;

/** Where each column of the table goes, decided once from the header row(s). */
interface ColumnLayout {
  keyAt: Array<ColumnKey | null>;
  /** Header text of unmapped, non-empty header cells: the key of the value in `extra`. */
  extraAt: Array<string | null>;
  indexOf: Partial<Record<ColumnKey, number>>;
  columns: ColumnKey[];
  extraColumns: string[];
  /** Header rows as seen, to skip the sub-header row when it repeats at a page break. */
  signatures: Set<string>;
}

interface SectionHeading {
  code: string;
  title: string;
}

/**
 * Turns the rows of any reader into sections and task rows, surviving what page layout does to a
 * table: repeated header rows, rows broken across pages, section rows, short rows, the footer.
 */
export function assembleAppendix(grid: readonly GridRow[]): RawAppendix {
  const rows = grid.map((row) => ({ ...row, cells: row.cells.map(cleanCellText) }));
  const headerAt = rows.findIndex((row) => !row.freeText && isHeaderRow(row.cells));
  const precedingText = rows
    .slice(0, headerAt < 0 ? rows.length : headerAt)
    .map(rowText)
    .filter((text) => text !== '');

  if (headerAt < 0) {
    return {
      columns: [],
      extraColumns: [],
      sections: [],
      declaredTotal: null,
      precedingText,
      warnings: [],
      errors: [
        {
          code: 'HEADER_NOT_FOUND',
          message:
            'Không tìm thấy dòng tiêu đề của bảng phụ lục (cần có cột nhiệm vụ và ít nhất hai cột trong số: STT, ' +
            'cơ quan chủ trì, cơ quan phối hợp, thời gian thực hiện, ghi chú).',
        },
      ],
    };
  }

  const { layout, bodyStart } = readHeader(rows, headerAt);
  const assembly = new Assembly(layout);
  for (const row of rows.slice(bodyStart)) assembly.add(row);
  return assembly.finish(precedingText);
}

function readHeader(rows: readonly GridRow[], headerAt: number): { layout: ColumnLayout; bodyStart: number } {
  const header = mapHeaderRow(rows[headerAt].cells);
  const keyAt = [...header.columns];
  const texts = [...header.texts];
  const signatures = new Set([signature(rows[headerAt])]);
  let bodyStart = headerAt + 1;

  // Two-row headers ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"): the second row only names
  // columns the first left open; its other cells are empty or merged down from the first.
  const next = rows[headerAt + 1];
  if (next && !next.freeText) {
    const sub = next.cells.map((text, i) => (next.mergedFromAbove?.[i] || !text ? null : mapHeaderCell(text)));
    const labelsOnly = next.cells.every((text, i) => !text || next.mergedFromAbove?.[i] || sub[i] !== null);
    const addsColumns = sub.some((key) => key !== null && !keyAt.includes(key));
    if (labelsOnly && addsColumns) {
      sub.forEach((key, i) => {
        if (key && !keyAt.includes(key)) {
          keyAt[i] = key;
          texts[i] = next.cells[i];
        }
      });
      signatures.add(signature(next));
      bodyStart++;
    }
  }

  const indexOf: Partial<Record<ColumnKey, number>> = {};
  keyAt.forEach((key, i) => {
    if (key) indexOf[key] = i;
  });
  const extraAt: Array<string | null> = [];
  const extraColumns: string[] = [];
  keyAt.forEach((key, i) => {
    if (key || !texts[i]) {
      extraAt[i] = null;
      return;
    }
    let name = texts[i];
    for (let n = 2; extraColumns.includes(name); n++) name = `${texts[i]} (${n})`;
    extraAt[i] = name;
    extraColumns.push(name);
  });
  const columns = keyAt.filter((key): key is ColumnKey => key !== null);
  return { layout: { keyAt, extraAt, indexOf, columns, extraColumns, signatures }, bodyStart };
}

class Assembly {
  private readonly sections: RawSection[] = [];
  private readonly warnings: AppendixIssue<AppendixWarningCode>[] = [];
  private readonly errors: AppendixIssue<AppendixErrorCode>[] = [];
  private declaredTotal: number | null = null;
  /** The task a continuation row belongs to; only ever a row of the current section. */
  private lastTask: RawRow | null = null;
  /** Free text seen since the last table row: stray inside the table, or just the text after it. */
  private pendingFreeText: GridRow[] = [];

  constructor(private readonly layout: ColumnLayout) {
    if (layout.indexOf.ordinal === undefined) {
      this.warnings.push({
        code: 'NO_ORDINAL_COLUMN',
        message: 'Bảng không có cột STT: số thứ tự được đánh tự động theo từng mục.',
      });
    }
  }

  add(row: GridRow): void {
    if (!row.cells.some((text) => text !== '')) return;
    if (row.freeText) {
      this.addFreeText(row);
      return;
    }
    this.flushFreeText();
    if (this.layout.signatures.has(signature(row)) || isHeaderRow(row.cells) || isColumnNumberRow(row.cells)) {
      return;
    }
    if (this.readFooter(row)) return;
    const heading = this.sectionHeading(row);
    if (heading) {
      this.openSection(heading);
      return;
    }
    this.addTaskRow(row);
  }

  finish(precedingText: string[]): RawAppendix {
    // Free text left pending here came after the last table row: text after the table, not stray.
    this.validate();
    return {
      columns: this.layout.columns,
      extraColumns: this.layout.extraColumns,
      sections: this.sections,
      declaredTotal: this.declaredTotal,
      precedingText,
      warnings: this.warnings,
      errors: this.errors,
    };
  }

  private addFreeText(row: GridRow): void {
    // A footer paragraph right under the table counts; "Tổng cộng…" further down in prose does not.
    if (this.pendingFreeText.length === 0 && this.readFooter(row)) return;
    this.pendingFreeText.push(row);
  }

  /**
   * Free text followed by more table rows sits inside the table: a section heading typed as a
   * paragraph between two parts of a split table, or stray text (page headers) to report.
   */
  private flushFreeText(): void {
    for (const row of this.pendingFreeText) {
      const heading = parseSectionHeading(rowText(row));
      if (heading) {
        this.openSection(heading);
        continue;
      }
      this.warnings.push({
        code: 'STRAY_TEXT',
        message: `Bỏ qua đoạn văn bản nằm giữa bảng phụ lục (${describeSource(row.source)}): "${rowText(row)}".`,
        source: row.source,
      });
    }
    this.pendingFreeText = [];
  }

  private readFooter(row: GridRow): boolean {
    const folded = foldForSearch(rowText(row));
    if (!FOOTER.test(folded)) return false;
    const total = /\d+/.exec(folded);
    if (total) this.declaredTotal = Number(total[0]);
    return true;
  }

  private sectionHeading(row: GridRow): SectionHeading | null {
    const filled = row.cells.flatMap((text, i) => (text ? [i] : []));
    if (row.spansAllColumns) {
      const text = filled.map((i) => row.cells[i]).join(' ');
      return parseSectionHeading(text) ?? { code: '', title: text };
    }
    if (filled.length === 1) {
      const heading = parseSectionHeading(row.cells[filled[0]]);
      if (heading) return heading;
    }
    // Word tables often put the numeral in the STT column and the area in the task column.
    const { ordinal, title } = this.layout.indexOf;
    if (ordinal !== undefined && title !== undefined && !row.mergedFromAbove?.[ordinal]) {
      const numeral = BARE_ROMAN.exec(row.cells[ordinal] ?? '');
      const text = row.cells[title] ?? '';
      if (numeral && ROMAN_NUMERAL.test(numeral[1]) && text) return { code: numeral[1], title: text };
    }
    return null;
  }

  private openSection(heading: SectionHeading): void {
    this.sections.push({ code: heading.code, title: heading.title, rows: [] });
    this.lastTask = null;
  }

  private addTaskRow(row: GridRow): void {
    const ordinalAt = this.layout.indexOf.ordinal;
    if (ordinalAt === undefined) {
      this.pushTask(String(this.currentSection().rows.length + 1), row);
      return;
    }
    // A cell merged down from above in the STT column means the same task goes on.
    const ordinal = row.mergedFromAbove?.[ordinalAt] ? '' : normalizeOrdinal(row.cells[ordinalAt] ?? '');
    if (ordinal) {
      this.pushTask(ordinal, row);
    } else if (this.lastTask) {
      this.glueContinuation(this.lastTask, row);
    } else {
      const task = this.pushTask('', row);
      this.errors.push({
        code: 'MISSING_ORDINAL',
        message:
          `Dòng bảng ở ${describeSource(row.source)} không có STT và không nối được vào nhiệm vụ nào phía trên` +
          ` (nội dung: "${task.cells.title}").`,
        section: this.currentSection().code,
        ordinal: '',
        source: row.source,
      });
    }
  }

  private pushTask(ordinal: string, row: GridRow): RawRow {
    const cells: RawRowCells = { title: '', lead: '', coordinating: '', timeline: '', note: '', extra: {} };
    for (const name of this.layout.extraColumns) cells.extra[name] = '';
    const task: RawRow = { ordinal, cells, source: row.source };
    this.forEachValue(row, task, (target, key, text) => {
      if (key === 'extra') target.extra[text.name] = text.value;
      else target[key] = text.value;
    });
    this.currentSection().rows.push(task);
    this.lastTask = task;
    return task;
  }

  /** Page-break continuation: every piece goes to the end of the same column of the task above. */
  private glueContinuation(task: RawRow, row: GridRow): void {
    this.forEachValue(row, task, (target, key, text) => {
      if (row.mergedFromAbove?.[text.index]) return;
      if (key === 'extra') target.extra[text.name] = glueText(target.extra[text.name] ?? '', text.value);
      else target[key] = glueText(target[key], text.value);
    });
  }

  private forEachValue(
    row: GridRow,
    task: RawRow,
    apply: (target: RawRowCells, key: CellKey | 'extra', text: { index: number; name: string; value: string }) => void,
  ): void {
    const width = Math.max(this.layout.keyAt.length, row.cells.length);
    for (let i = 0; i < width; i++) {
      const key = this.layout.keyAt[i];
      const value = row.cells[i] ?? ''; // short rows: missing trailing cells read as empty
      if (key === 'ordinal') continue;
      if (key) {
        apply(task.cells, key, { index: i, name: key, value });
      } else if (this.layout.extraAt[i]) {
        apply(task.cells, 'extra', { index: i, name: this.layout.extraAt[i]!, value });
      } else if (value) {
        const name = `Cột ${i + 1}`;
        this.warnings.push({
          code: 'EXTRA_CELLS',
          message: `Ô "${value}" (${describeSource(row.source)}) nằm ở cột không có tiêu đề; đã giữ lại trong "${name}".`,
          section: this.currentSection().code,
          ordinal: task.ordinal,
          cell: name,
          source: row.source,
        });
        apply(task.cells, 'extra', { index: i, name, value });
      }
    }
  }

  private currentSection(): RawSection {
    if (this.sections.length === 0) this.sections.push({ code: '', title: '', rows: [] });
    return this.sections[this.sections.length - 1];
  }

  private validate(): void {
    let found = 0;
    for (const section of this.sections) {
      const seen = new Set<string>();
      for (const row of section.rows) {
        found++;
        const where = `mục ${section.code || '(không tên)'}, STT ${row.ordinal || '(trống)'} (${describeSource(row.source)})`;
        if (!row.cells.title) {
          this.errors.push({
            code: 'EMPTY_TITLE',
            message: `Nhiệm vụ ${where} không có nội dung.`,
            section: section.code,
            ordinal: row.ordinal,
            cell: 'title',
            source: row.source,
          });
        }
        if (row.ordinal && seen.has(row.ordinal)) {
          this.errors.push({
            code: 'DUPLICATE_ORDINAL',
            message: `STT ${row.ordinal} bị lặp lại trong mục ${section.code || '(không tên)'} (${describeSource(row.source)}).`,
            section: section.code,
            ordinal: row.ordinal,
            cell: 'ordinal',
            source: row.source,
          });
        }
        seen.add(row.ordinal);
      }
    }
    if (this.declaredTotal !== null && this.declaredTotal !== found) {
      this.warnings.push({
        code: 'DECLARED_TOTAL_MISMATCH',
        message: `Dòng tổng cộng ghi ${this.declaredTotal} nhiệm vụ nhưng bảng phụ lục có ${found} nhiệm vụ.`,
      });
    }
  }
}

function parseSectionHeading(text: string): SectionHeading | null {
  const match = SECTION_HEADING.exec(text);
  if (!match || !ROMAN_NUMERAL.test(match[1])) return null;
  return { code: match[1], title: match[2].trim() };
}

/** "1." and "1)" are the same ordinal as "1". */
function normalizeOrdinal(text: string): string {
  return text.replace(/[.)]+$/, '').trim();
}

/** The "(1) (2) (3) …" row some offices put under the header. */
function isColumnNumberRow(cells: readonly string[]): boolean {
  const numbers = cells.filter((text) => text !== '').map((text) => COLUMN_NUMBER.exec(text));
  return numbers.length >= 3 && numbers.every((match, i) => match !== null && Number(match[1]) === i + 1);
}

function rowText(row: GridRow): string {
  return row.cells.filter((text) => text !== '').join(' ');
}

function signature(row: GridRow): string {
  const texts = row.cells.map((text, i) => (row.mergedFromAbove?.[i] ? '' : text));
  while (texts.length && texts[texts.length - 1] === '') texts.pop();
  return texts.join('\u0001');
}

/** The row's place in the user's file, for messages. */
export function describeSource(source: RowSource): string {
  if (source.sheet !== undefined) return `trang tính "${source.sheet}", hàng ${source.row}`;
  if (source.table !== undefined) return `bảng ${source.table}, hàng ${source.row}`;
  if (source.line !== undefined) return `dòng ${source.line}`;
  return `hàng ${source.row}`;
}
