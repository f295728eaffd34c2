import { Workbook, type Alignment, type Borders, type Cell, type Worksheet } from 'exceljs';
import { assertWellFormed, cellText, type ReportAlign, type ReportDocument, type ReportLine } from './report-document';

/** Vietnamese administrative documents are set in Times New Roman (Nghị định 30/2020/NĐ-CP). */
const FONT = 'Times New Roman';
const BODY_SIZE = 11;
const HEADER_FILL = 'EDEDED';
const BAND_FILL = 'F2F2F2';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function argb(hex: string): string {
  return `FF${hex.toUpperCase()}`;
}

function alignment(align: ReportAlign | undefined, vertical: Alignment['vertical'] = 'top'): Partial<Alignment> {
  return { horizontal: align ?? 'left', vertical, wrapText: true };
}

/**
 * Rows are given a height from their text: Excel does not grow a row for wrapped text on opening
 * a file, so a long task title would otherwise show one line. Estimated generously (about one
 * character per unit of column width, 15 points a line).
 */
function heightOf(texts: Array<{ text: string; width: number; size?: number }>): number {
  let lines = 1;
  let size = BODY_SIZE;
  for (const { text, width, size: s } of texts) {
    const perLine = Math.max(1, Math.floor(width - 1));
    const n = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, n);
    size = Math.max(size, s ?? BODY_SIZE);
  }
  return Math.ceil(lines * size * 1.38 + 4);
}

function styleCell(cell: Cell, opts: { bold?: boolean; italic?: boolean; size?: number; align?: ReportAlign; fill?: string; border?: boolean }): void {
  cell.font = { name: FONT, size: opts.size ?? BODY_SIZE, bold: opts.bold ?? false, italic: opts.italic ?? false };
  cell.alignment = alignment(opts.align);
  if (opts.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(opts.fill) } };
  if (opts.border) cell.border = BORDER;
}

/** A line across the whole width (heading, footer, band rows). */
function lineRow(ws: Worksheet, columns: number, totalWidth: number, line: ReportLine, extra: { fill?: string; border?: boolean } = {}): void {
  const row = ws.addRow([line.text]);
  if (columns > 1) ws.mergeCells(row.number, 1, row.number, columns);
  for (let c = 1; c <= columns; c += 1) {
    styleCell(row.getCell(c), { bold: line.bold, italic: line.italic, size: line.size, align: line.align ?? 'left', ...extra });
  }
  row.height = heightOf([{ text: line.text, width: totalWidth, size: line.size }]);
}

/** Renders a report as an .xlsx workbook of one worksheet, printable on A4 one page wide. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  assertWellFormed(doc);
  const workbook = new Workbook();
  workbook.creator = 'Planflow';
  workbook.title = doc.title;
  const n = doc.columns.length;
  const totalWidth = doc.columns.reduce((sum, c) => sum + c.width, 0);
  const ws = workbook.addWorksheet(doc.sheetName, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: doc.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: 'Trang &P/&N' },
  });
  ws.columns = doc.columns.map((c) => ({ width: c.width }));

  for (const line of doc.heading) lineRow(ws, n, totalWidth, { ...line, align: line.align ?? 'center' });
  ws.addRow([]);

  const header = ws.addRow(doc.columns.map((c) => c.header));
  doc.columns.forEach((c, i) => styleCell(header.getCell(i + 1), { bold: true, align: 'center', fill: c.fill ?? HEADER_FILL, border: true }));
  header.height = heightOf(doc.columns.map((c) => ({ text: c.header, width: c.width })));
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;

  for (const spec of doc.rows) {
    if (spec.kind === 'band') {
      lineRow(ws, n, totalWidth, { text: spec.text, bold: true }, { fill: spec.fill ?? BAND_FILL, border: true });
      continue;
    }
    const row = ws.addRow([]);
    const texts: Array<{ text: string; width: number }> = [];
    let col = 1;
    for (const cell of spec.cells) {
      const span = cell.span ?? 1;
      const column = doc.columns[col - 1];
      const target = row.getCell(col);
      const percent = cell.percent ?? column.percent ?? false;
      if (typeof cell.value === 'number') {
        target.value = cell.value;
        target.numFmt = percent ? '0.0%' : '#,##0';
      } else if (cell.value !== null) {
        target.value = cell.value;
      }
      for (let c = col; c < col + span; c += 1) {
        styleCell(row.getCell(c), {
          bold: cell.bold ?? spec.bold,
          italic: cell.italic,
          align: cell.align ?? column.align,
          fill: cell.fill,
          border: true,
        });
      }
      if (span > 1) ws.mergeCells(row.number, col, row.number, col + span - 1);
      const width = doc.columns.slice(col - 1, col - 1 + span).reduce((sum, c) => sum + c.width, 0);
      texts.push({ text: cellText(cell, column), width });
      col += span;
    }
    row.height = heightOf(texts);
  }

  if (doc.footer.length) ws.addRow([]);
  for (const line of doc.footer) lineRow(ws, n, totalWidth, line);

  // exceljs types its result as its own Buffer (an ArrayBuffer); at run time it is a Node Buffer.
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
