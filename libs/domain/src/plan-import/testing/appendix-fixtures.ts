/**
 * Builders for appendix files in every format the importer reads, all carrying the same table: the
 * appendix of the sample plan (seed 003). Used by the reader specs, integration tests and benchmarks,
 * so that a .docx, an .xlsx and the text form can be checked against each other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { Workbook, type CellRichTextValue } from 'exceljs';
import type { RawAppendix, RawRow } from '../appendix.types';
import { readTextAppendix } from '../text-appendix.reader';

/** The sample plan shipped with the product (a copy of shared/seeds/003, which the product may not read). */
export const SAMPLE_PLAN_TEXT_PATH = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'infra',
  'sample-data',
  'plan-003-snv-binh-dinh-2023.txt',
);

export function readSamplePlanText(): string {
  return readFileSync(SAMPLE_PLAN_TEXT_PATH, 'utf8');
}

/** An appendix table as the author of a Word or Excel file lays it out. */
export interface AppendixTableModel {
  /** Lines above the table ("PHỤ LỤC", its title, "(Kèm theo Kế hoạch …)"). */
  titleLines: string[];
  /** Header labels, one per column. */
  header: string[];
  sections: Array<{ heading: string; rows: string[][] }>;
  /** "Tổng cộng: N nhiệm vụ", or null for none. */
  footer: string | null;
  /** Text under the table. */
  trailingLines: string[];
}

const SAMPLE_HEADER = ['STT', 'Nhiệm vụ cụ thể', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện', 'Ghi chú'];

/** The appendix of the sample plan as a clean table (continuations already joined, as in the Word original). */
export function sampleAppendixTable(): AppendixTableModel {
  const appendix = readTextAppendix(readSamplePlanText());
  const titleStart = appendix.precedingText.lastIndexOf('PHỤ LỤC');
  return {
    titleLines: appendix.precedingText.slice(titleStart),
    header: SAMPLE_HEADER,
    sections: appendix.sections.map((section) => ({
      heading: `${section.code}. ${section.title}`,
      rows: section.rows.map((row) => [
        row.ordinal,
        row.cells.title,
        row.cells.lead,
        row.cells.coordinating,
        row.cells.timeline,
        row.cells.note,
      ]),
    })),
    footer: appendix.declaredTotal === null ? null : `Tổng cộng: ${appendix.declaredTotal} nhiệm vụ`,
    trailingLines: ['Văn phòng Sở theo dõi, đôn đốc và tổng hợp kết quả thực hiện.'],
  };
}

export interface DocxAppendixOptions {
  /** Merge equal lead-unit cells of consecutive rows of a section vertically (w:vMerge). Default true. */
  mergeRepeatedLeads?: boolean;
  /** Break the table before this section into a second w:tbl repeating the header. Default "V". */
  splitBeforeSection?: string | null;
  /** Put the usual two-column letterhead table (agency | national motto) above the appendix. Default true. */
  letterhead?: boolean;
}

const COLUMN_WIDTHS = [700, 4200, 1800, 1800, 1800, 900];
const LEAD_COLUMN = 2;

/** The table as a Word document: section and footer rows are one cell spanning every column. */
export async function buildAppendixDocx(
  model: AppendixTableModel = sampleAppendixTable(),
  options: DocxAppendixOptions = {},
): Promise<Buffer> {
  const { mergeRepeatedLeads = true, splitBeforeSection = 'V', letterhead = true } = options;
  const width = model.header.length;
  const text = (value: string) => [new Paragraph({ children: [new TextRun(value)] })];
  const headerRow = () =>
    new TableRow({
      tableHeader: true,
      children: model.header.map((label) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })] })),
    });
  const spanningRow = (value: string) =>
    new TableRow({ children: [new TableCell({ columnSpan: width, children: [new Paragraph({ children: [new TextRun({ text: value, bold: true })] })] })] });

  const parts: TableRow[][] = [[headerRow()]];
  for (const section of model.sections) {
    const code = section.heading.split('.')[0];
    if (code === splitBeforeSection) parts.push([headerRow()]);
    const rows = parts[parts.length - 1];
    rows.push(spanningRow(section.heading));
    section.rows.forEach((cells, r) => {
      const sameLeadAbove = r > 0 && section.rows[r - 1][LEAD_COLUMN] === cells[LEAD_COLUMN];
      const sameLeadBelow = r + 1 < section.rows.length && section.rows[r + 1][LEAD_COLUMN] === cells[LEAD_COLUMN];
      rows.push(
        new TableRow({
          children: cells.map((value, c) => {
            if (c !== LEAD_COLUMN || !mergeRepeatedLeads) return new TableCell({ children: text(value) });
            if (sameLeadAbove) return new TableCell({ verticalMerge: VerticalMergeType.CONTINUE, children: text('') });
            if (sameLeadBelow) return new TableCell({ verticalMerge: VerticalMergeType.RESTART, children: text(value) });
            return new TableCell({ children: text(value) });
          }),
        }),
      );
    });
  }
  if (model.footer !== null) parts[parts.length - 1].push(spanningRow(model.footer));

  const children: Array<Paragraph | Table> = [];
  if (letterhead) {
    children.push(
      new Table({
        columnWidths: [4500, 6000],
        rows: [
          new TableRow({
            children: [
              new TableCell({ children: [...text('UBND TỈNH BÌNH ĐỊNH'), ...text('SỞ NỘI VỤ')] }),
              new TableCell({ children: [...text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), ...text('Độc lập - Tự do - Hạnh phúc')] }),
            ],
          }),
        ],
      }),
    );
  }
  for (const line of model.titleLines) children.push(new Paragraph({ children: [new TextRun({ text: line, bold: true })] }));
  parts.forEach((rows, i) => {
    if (i > 0) children.push(new Paragraph({ children: [] }));
    children.push(new Table({ columnWidths: COLUMN_WIDTHS, rows }));
  });
  for (const line of model.trailingLines) children.push(new Paragraph({ children: [new TextRun(line)] }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export interface XlsxAppendixOptions {
  /** Merge equal lead-unit cells of consecutive rows of a section vertically. Default true. */
  mergeRepeatedLeads?: boolean;
  /** Put a sheet without the table first, as workbooks with an instructions sheet do. Default true. */
  instructionsSheet?: boolean;
}

/**
 * The table as an Excel workbook: two merged title rows above the header, ordinals as numbers,
 * task titles as rich text, merged section rows, and the footer as a formula with its saved result.
 */
export async function buildAppendixXlsx(
  model: AppendixTableModel = sampleAppendixTable(),
  options: XlsxAppendixOptions = {},
): Promise<Buffer> {
  const { mergeRepeatedLeads = true, instructionsSheet = true } = options;
  const workbook = new Workbook();
  if (instructionsSheet) {
    const notes = workbook.addWorksheet('Hướng dẫn');
    notes.addRow(['Điền nhiệm vụ vào trang tính "Phụ lục"; không đổi tên các cột.']);
  }
  const sheet = workbook.addWorksheet('Phụ lục');
  const width = model.header.length;
  const mergeAcross = (row: number) => sheet.mergeCells(row, 1, row, width);

  for (const line of model.titleLines.slice(0, 2)) {
    const row = sheet.addRow([line]);
    mergeAcross(row.number);
  }
  sheet.addRow(model.header).font = { bold: true };

  for (const section of model.sections) {
    const headingRow = sheet.addRow([section.heading]);
    mergeAcross(headingRow.number);
    let mergeStart: number | null = null;
    section.rows.forEach((cells, r) => {
      const [ordinal, title, ...rest] = cells;
      const row = sheet.addRow([toNumberIfInteger(ordinal), richText(title), ...rest]);
      if (!mergeRepeatedLeads) return;
      const sameLeadBelow = r + 1 < section.rows.length && section.rows[r + 1][LEAD_COLUMN] === cells[LEAD_COLUMN];
      if (sameLeadBelow) {
        mergeStart ??= row.number;
      } else if (mergeStart !== null) {
        sheet.mergeCells(mergeStart, LEAD_COLUMN + 1, row.number, LEAD_COLUMN + 1);
        mergeStart = null;
      }
    });
  }
  if (model.footer !== null) {
    const total = /\d+/.exec(model.footer)?.[0] ?? '0';
    const row = sheet.addRow([{ formula: `CONCATENATE("Tổng cộng: ",${total}," nhiệm vụ")`, result: model.footer }]);
    mergeAcross(row.number);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function toNumberIfInteger(ordinal: string): string | number {
  return /^\d+$/.test(ordinal) ? Number(ordinal) : ordinal;
}

function richText(value: string): CellRichTextValue {
  const cut = value.indexOf(' ');
  if (cut < 0) return { richText: [{ text: value }] };
  return { richText: [{ text: value.slice(0, cut), font: { bold: true } }, { text: value.slice(cut) }] };
}

export type AppendixContent = Array<{ code: string; title: string; rows: Array<Pick<RawRow, 'ordinal' | 'cells'>> }>;

/** Sections and rows without their source positions, to compare what two formats produced. */
export function appendixContent(appendix: RawAppendix): AppendixContent {
  return appendix.sections.map((section) => ({
    code: section.code,
    title: section.title,
    rows: section.rows.map((row) => ({ ordinal: row.ordinal, cells: row.cells })),
  }));
}
