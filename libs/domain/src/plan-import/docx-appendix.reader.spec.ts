import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import JSZip from 'jszip';
import { AppendixReadError } from './appendix.types';
import { readDocxAppendix } from './docx-appendix.reader';
import { appendixContent, buildAppendixDocx, readSamplePlanText, sampleAppendixTable } from './testing/appendix-fixtures';
import { readTextAppendix } from './text-appendix.reader';

const cell = (text: string, options: { verticalMerge?: 'restart' | 'continue'; columnSpan?: number } = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...options });
const docx = (...children: Array<Paragraph | Table>) => Packer.toBuffer(new Document({ sections: [{ children }] }));

describe('readDocxAppendix', () => {
  const fromText = readTextAppendix(readSamplePlanText());

  describe('on the sample appendix built as a Word file', () => {
    let appendix: Awaited<ReturnType<typeof readDocxAppendix>>;
    beforeAll(async () => {
      // Spanning section rows, merged lead cells, the table split in two parts, a letterhead table
      // and paragraphs above, a paragraph below.
      appendix = await readDocxAppendix(await buildAppendixDocx());
    });

    it('reads the same sections and rows as the text form', () => {
      expect(appendixContent(appendix)).toEqual(appendixContent(fromText));
      expect(appendix.columns).toEqual(fromText.columns);
      expect(appendix.extraColumns).toEqual([]);
    });

    it('reads the footer and reports the same mismatch', () => {
      expect(appendix.declaredTotal).toBe(33);
      expect(appendix.warnings).toEqual(fromText.warnings);
      expect(appendix.errors).toEqual([]);
    });

    it('gives every row of a vertically merged lead cell the merged unit', () => {
      // II.1–II.3 share one merged "Văn Phòng Sở" cell in the Word table.
      expect(appendix.sections[1].rows.slice(0, 3).map((r) => r.cells.lead)).toEqual(['Văn Phòng Sở', 'Văn Phòng Sở', 'Văn Phòng Sở']);
    });

    it('points rows at their Word table and row', () => {
      expect(appendix.sections[0].rows[0].source).toEqual({ table: 2, row: 3 });
      // Section V starts the second part of the split table (third w:tbl of the body).
      expect(appendix.sections[4].rows[0].source).toEqual({ table: 3, row: 3 });
    });

    it('returns the text before the table, letterhead included, and ignores the text after it', () => {
      expect(appendix.precedingText).toEqual([
        'UBND TỈNH BÌNH ĐỊNH SỞ NỘI VỤ',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc',
        ...sampleAppendixTable().titleLines,
      ]);
    });
  });

  it('reads the same rows from a single table without merged cells', async () => {
    const appendix = await readDocxAppendix(
      await buildAppendixDocx(undefined, { mergeRepeatedLeads: false, splitBeforeSection: null, letterhead: false }),
    );
    expect(appendixContent(appendix)).toEqual(appendixContent(fromText));
  });

  it('treats a row whose STT cell is merged from above as the continuation of that task', async () => {
    const file = await docx(
      new Table({
        rows: [
          new TableRow({ children: ['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời hạn'].map((t) => cell(t)) }),
          new TableRow({
            children: [
              cell('1', { verticalMerge: 'restart' }),
              cell('Xây dựng kế hoạch'),
              cell('Văn phòng Sở', { verticalMerge: 'restart' }),
              cell('Tháng 3/2023'),
            ],
          }),
          new TableRow({
            children: [
              cell('', { verticalMerge: 'continue' }),
              cell('và tổ chức thực hiện'),
              cell('', { verticalMerge: 'continue' }),
              cell(''),
            ],
          }),
        ],
      }),
    );
    const appendix = await readDocxAppendix(file);
    expect(appendixContent(appendix)[0].rows).toEqual([
      {
        ordinal: '1',
        cells: {
          title: 'Xây dựng kế hoạch và tổ chức thực hiện',
          lead: 'Văn phòng Sở',
          coordinating: '',
          timeline: 'Tháng 3/2023',
          note: '',
          extra: {},
        },
      },
    ]);
  });

  it('reads a two-row header and a cell of several paragraphs', async () => {
    const file = await docx(
      new Table({
        rows: [
          new TableRow({
            children: [
              cell('TT', { verticalMerge: 'restart' }),
              cell('Nội dung công việc', { verticalMerge: 'restart' }),
              cell('Cơ quan thực hiện', { columnSpan: 2 }),
              cell('Thời gian hoàn thành', { verticalMerge: 'restart' }),
            ],
          }),
          new TableRow({
            children: [
              cell('', { verticalMerge: 'continue' }),
              cell('', { verticalMerge: 'continue' }),
              cell('Chủ trì'),
              cell('Phối hợp'),
              cell('', { verticalMerge: 'continue' }),
            ],
          }),
          new TableRow({
            children: [
              cell('1'),
              new TableCell({ children: [new Paragraph('Rà soát quy chế'), new Paragraph('chi tiêu nội bộ')] }),
              cell('Văn phòng Sở'),
              new TableCell({ children: [new Paragraph('- Phòng CCVC'), new Paragraph('- Thanh tra Sở')] }),
              cell('Quý II'),
            ],
          }),
        ],
      }),
    );
    const appendix = await readDocxAppendix(file);
    expect(appendix.columns).toEqual(['ordinal', 'title', 'lead', 'coordinating', 'timeline']);
    expect(appendixContent(appendix)[0].rows[0].cells).toEqual({
      title: 'Rà soát quy chế chi tiêu nội bộ',
      lead: 'Văn phòng Sở',
      coordinating: '- Phòng CCVC - Thanh tra Sở',
      timeline: 'Quý II',
      note: '',
      extra: {},
    });
    expect(appendix.errors).toEqual([]);
  });

  it('reads only the first appendix and says so when there is another one', async () => {
    const table = (title: string) =>
      new Table({
        rows: [
          new TableRow({ children: ['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời hạn'].map((t) => cell(t)) }),
          new TableRow({ children: ['1', title, 'Văn phòng Sở', 'Quý I'].map((t) => cell(t)) }),
        ],
      });
    const appendix = await readDocxAppendix(
      await docx(new Paragraph('PHỤ LỤC 01'), table('Việc của phụ lục 1'), new Paragraph('PHỤ LỤC 02'), table('Việc của phụ lục 2')),
    );
    expect(appendix.sections[0].rows.map((r) => r.cells.title)).toEqual(['Việc của phụ lục 1']);
    expect(appendix.warnings.map((w) => w.code)).toEqual(['OTHER_TABLE_IGNORED']);
  });

  it('reports a document without an appendix table, keeping its text', async () => {
    const appendix = await readDocxAppendix(await docx(new Paragraph('KẾ HOẠCH'), new Paragraph('Nhiệm vụ theo Phụ lục đính kèm.')));
    expect(appendix.errors.map((e) => e.code)).toEqual(['HEADER_NOT_FOUND']);
    expect(appendix.precedingText).toEqual(['KẾ HOẠCH', 'Nhiệm vụ theo Phụ lục đính kèm.']);
  });

  it('refuses a file that is not a Word document', async () => {
    await expect(readDocxAppendix(Buffer.from('not a zip'))).rejects.toBeInstanceOf(AppendixReadError);
    const zip = await new JSZip().file('hello.txt', 'x').generateAsync({ type: 'nodebuffer' });
    await expect(readDocxAppendix(zip)).rejects.toThrow('thiếu word/document.xml');
  });
});
