import {
  AlignmentType,
  Document,
  Footer,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { assertWellFormed, cellText, type ReportAlign, type ReportDocument, type ReportLine } from './report-document';

/** Vietnamese administrative documents are set in Times New Roman (Nghị định 30/2020/NĐ-CP). */
const FONT = 'Times New Roman';
const BODY_SIZE = 12;
const TABLE_SIZE = 11;
const HEADER_FILL = 'EDEDED';
const BAND_FILL = 'F2F2F2';
// A4 in twips (1/20 pt); docx swaps width and height for landscape.
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 851 };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** One paragraph per line of the text ('\n'), so a cell of several lines keeps them. */
function paragraphs(text: string, opts: { bold?: boolean; italic?: boolean; size: number; align?: ReportAlign }): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: ALIGN[opts.align ?? 'left'],
        children: [new TextRun({ text: line, bold: opts.bold, italics: opts.italic, size: opts.size * 2, font: FONT })],
      }),
  );
}

function lineParagraphs(line: ReportLine, defaultAlign: ReportAlign): Paragraph[] {
  return paragraphs(line.text, { bold: line.bold, italic: line.italic, size: line.size ?? BODY_SIZE, align: line.align ?? defaultAlign });
}

function shading(fill: string | undefined) {
  return fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined;
}

/** Renders a report as a .docx document: heading, the table (header repeated on every page), footer. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  assertWellFormed(doc);
  const landscape = doc.orientation === 'landscape';
  const usable = (landscape ? A4.height : A4.width) - MARGIN.left - MARGIN.right;
  const totalWidth = doc.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = doc.columns.map((c) => Math.floor((usable * c.width) / totalWidth));
  const spanWidth = (from: number, span: number) => widths.slice(from, from + span).reduce((a, b) => a + b, 0);
  const cellMargins = { top: 40, bottom: 40, left: 80, right: 80 };

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: doc.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          shading: shading(c.fill ?? HEADER_FILL),
          margins: cellMargins,
          children: paragraphs(c.header, { bold: true, size: TABLE_SIZE, align: 'center' }),
        }),
    ),
  });

  const rows = doc.rows.map((spec) => {
    if (spec.kind === 'band') {
      return new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: doc.columns.length,
            width: { size: spanWidth(0, doc.columns.length), type: WidthType.DXA },
            shading: shading(spec.fill ?? BAND_FILL),
            margins: cellMargins,
            children: paragraphs(spec.text, { bold: true, size: TABLE_SIZE }),
          }),
        ],
      });
    }
    let col = 0;
    return new TableRow({
      children: spec.cells.map((cell) => {
        const span = cell.span ?? 1;
        const column = doc.columns[col];
        const out = new TableCell({
          columnSpan: span > 1 ? span : undefined,
          width: { size: spanWidth(col, span), type: WidthType.DXA },
          shading: shading(cell.fill),
          margins: cellMargins,
          children: paragraphs(cellText(cell, column), { bold: cell.bold ?? spec.bold, italic: cell.italic, size: TABLE_SIZE, align: cell.align ?? column.align }),
        });
        col += span;
        return out;
      }),
    });
  });

  const document = new Document({
    creator: 'Planflow',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: MARGIN,
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ['Trang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES], size: 20, font: FONT })],
              }),
            ],
          }),
        },
        children: [
          ...doc.heading.flatMap((line) => lineParagraphs(line, 'center')),
          new Paragraph({ children: [] }),
          new Table({
            width: { size: usable, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            rows: [header, ...rows],
          }),
          ...(doc.footer.length ? [new Paragraph({ children: [] })] : []),
          ...doc.footer.flatMap((line) => lineParagraphs(line, 'left')),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
