import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import { AppendixReadError, type AppendixIssue, type AppendixWarningCode, type GridRow, type RawAppendix } from './appendix.types';
import { assembleAppendix } from './appendix-assembler';
import { isHeaderRow } from './header-mapper';

interface SheetGrid {
  rows: GridRow[];
  /** Formula cells saved without a computed value (files written by tools that do not calculate). */
  formulasWithoutResult: Array<{ address: string; row: number }>;
}

/**
 * Reads the appendix from an Excel workbook: the first visible sheet with a recognizable header
 * row. Formula cells give their saved result, never the formula; merged cells give their value once
 * (in the master cell), except down a column, where every merged row shares the master's value.
 */
export async function readXlsxAppendix(file: Buffer | Uint8Array | ArrayBuffer): Promise<RawAppendix> {
  const workbook = new Workbook();
  try {
    // exceljs declares its own `Buffer extends ArrayBuffer`, which a Node Buffer does not satisfy
    // by type; at run time it hands the bytes to JSZip, which takes a Node Buffer.
    await workbook.xlsx.load(toBuffer(file) as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch (cause) {
    throw new AppendixReadError('UNREADABLE_FILE', 'Không mở được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng.', {
      cause,
    });
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  const grids = sheets.map((sheet) => ({ sheet, grid: readSheet(sheet) }));
  const chosen = grids.find(({ grid }) => grid.rows.some((row) => isHeaderRow(row.cells))) ?? grids[0];
  if (!chosen) return assembleAppendix([]);

  const appendix = assembleAppendix(chosen.grid.rows);
  const warnings: AppendixIssue<AppendixWarningCode>[] = [...appendix.warnings];
  for (const cell of chosen.grid.formulasWithoutResult) {
    warnings.push({
      code: 'FORMULA_WITHOUT_RESULT',
      message:
        `Ô ${cell.address} của trang tính "${chosen.sheet.name}" là công thức chưa có giá trị tính sẵn; ` +
        'hãy mở tệp bằng Excel, lưu lại rồi nhập lại.',
      source: { sheet: chosen.sheet.name, row: cell.row },
    });
  }
  return { ...appendix, warnings };
}

function readSheet(sheet: Worksheet): SheetGrid {
  const rows: GridRow[] = [];
  const formulasWithoutResult: SheetGrid['formulasWithoutResult'] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    const mergedFromAbove: boolean[] = [];
    let horizontalSlaves = 0;
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const master = cell.master;
      if (master !== cell && master.col !== cell.col) {
        // Part of a merge to the right of its master: the value is already in the master's column.
        cells.push('');
        mergedFromAbove.push(master.row !== cell.row);
        if (master.row === cell.row) horizontalSlaves++;
        continue;
      }
      const { text, missingResult } = cellText(master.value, master.numFmt);
      if (missingResult && master === cell) formulasWithoutResult.push({ address: cell.address, row: r });
      cells.push(text);
      mergedFromAbove.push(master !== cell);
    }
    const filled = cells.filter((text) => text.trim() !== '').length;
    rows.push({
      cells,
      mergedFromAbove,
      source: { sheet: sheet.name, row: r },
      spansAllColumns: filled === 1 && horizontalSlaves > 0 && cells.length > 1,
    });
  }
  return { rows, formulasWithoutResult };
}

/** Plain text of a cell value as the user sees it: rich text flattened, formulas as their result. */
function cellText(value: CellValue, numFmt: string | undefined): { text: string; missingResult: boolean } {
  if (value === null || value === undefined) return { text: '', missingResult: false };
  if (typeof value === 'string') return { text: value, missingResult: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), missingResult: false };
  if (value instanceof Date) return { text: formatDate(value, numFmt), missingResult: false };
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join(''), missingResult: false };
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) return { text: '', missingResult: true };
    return cellText(value.result, numFmt);
  }
  if ('hyperlink' in value) return cellText(value.text as CellValue, numFmt);
  if ('error' in value) return { text: value.error, missingResult: false };
  return { text: '', missingResult: false };
}

/**
 * Excel turns a typed "15/12/2023" or "12/2023" into a date; the timeline parser wants the text the
 * user meant, so write it back day-first (Vietnamese order), or month/year when the format has no day.
 * exceljs hands dates over as UTC midnight, hence the UTC getters.
 */
function formatDate(date: Date, numFmt: string | undefined): string {
  const day = date.getUTCDate();
  const month = date.getUTCMonth() + 1;
  const year = date.getUTCFullYear();
  const format = (numFmt ?? '').replace(/\[[^\]]*\]|"[^"]*"/g, '').toLowerCase();
  if (format && !format.includes('d')) return `${month}/${year}`;
  return `${day}/${month}/${year}`;
}

function toBuffer(file: Buffer | Uint8Array | ArrayBuffer): Buffer {
  if (Buffer.isBuffer(file)) return file;
  return file instanceof ArrayBuffer ? Buffer.from(file) : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
}
