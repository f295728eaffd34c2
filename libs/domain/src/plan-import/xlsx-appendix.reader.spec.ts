import { Workbook } from 'exceljs';
import { AppendixReadError } from './appendix.types';
import { appendixContent, buildAppendixXlsx, readSamplePlanText, sampleAppendixTable } from './testing/appendix-fixtures';
import { readTextAppendix } from './text-appendix.reader';
import { readXlsxAppendix } from './xlsx-appendix.reader';

async function workbookWith(rows: unknown[][], prepare?: (sheet: ReturnType<Workbook['addWorksheet']>) => void): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('KH');
  for (const row of rows) sheet.addRow(row);
  prepare?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readXlsxAppendix', () => {
  const fromText = readTextAppendix(readSamplePlanText());

  describe('on the sample appendix built as a workbook', () => {
    let appendix: Awaited<ReturnType<typeof readXlsxAppendix>>;
    beforeAll(async () => {
      // An instructions sheet first; then title rows, merged section rows, numeric ordinals, rich-text
      // titles, merged lead cells and a formula footer on the "Phụ lục" sheet.
      appendix = await readXlsxAppendix(await buildAppendixXlsx());
    });

    it('reads the same sections and rows as the text form', () => {
      expect(appendixContent(appendix)).toEqual(appendixContent(fromText));
      expect(appendix.columns).toEqual(fromText.columns);
    });

    it('reads the footer from the formula result and reports the same mismatch', () => {
      expect(appendix.declaredTotal).toBe(33);
      expect(appendix.warnings).toEqual(fromText.warnings);
      expect(appendix.errors).toEqual([]);
    });

    it('picks the sheet holding the table and points rows at it', () => {
      expect(appendix.sections[0].rows[0].source).toEqual({ sheet: 'Phụ lục', row: 5 });
    });

    it('returns the title rows above the header', () => {
      expect(appendix.precedingText).toEqual(sampleAppendixTable().titleLines.slice(0, 2));
    });
  });

  it('reads the same rows without merged lead cells or an instructions sheet', async () => {
    const appendix = await readXlsxAppendix(
      await buildAppendixXlsx(undefined, { mergeRepeatedLeads: false, instructionsSheet: false }),
    );
    expect(appendixContent(appendix)).toEqual(appendixContent(fromText));
  });

  it('writes dates back as the text the user typed, day first', async () => {
    const file = await workbookWith(
      [
        ['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời hạn'],
        [1, 'Việc A', 'Văn phòng Sở', new Date(Date.UTC(2023, 11, 15))],
        [2, 'Việc B', 'Văn phòng Sở', new Date(Date.UTC(2023, 1, 1))],
        [3.1, { text: 'Việc C', hyperlink: 'https://example.invalid' }, 'Văn phòng Sở', { formula: 'D2+1', result: 5 }],
      ],
      (sheet) => {
        sheet.getCell('D2').numFmt = 'dd/mm/yyyy';
        sheet.getCell('D3').numFmt = 'mm/yyyy';
      },
    );
    const appendix = await readXlsxAppendix(file);
    expect(appendix.sections[0].rows.map((r) => [r.ordinal, r.cells.title, r.cells.timeline])).toEqual([
      ['1', 'Việc A', '15/12/2023'],
      ['2', 'Việc B', '2/2023'],
      ['3.1', 'Việc C', '5'],
    ]);
  });

  it('warns about a formula saved without its result instead of showing the formula', async () => {
    const file = await workbookWith([
      ['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời hạn'],
      [1, 'Việc A', { formula: 'Sheet2!A1' }, 'Quý I'],
    ]);
    const appendix = await readXlsxAppendix(file);
    expect(appendix.sections[0].rows[0].cells.lead).toBe('');
    expect(appendix.warnings).toEqual([
      expect.objectContaining({ code: 'FORMULA_WITHOUT_RESULT', source: { sheet: 'KH', row: 2 } }),
    ]);
  });

  it('reports a workbook without an appendix table', async () => {
    const appendix = await readXlsxAppendix(await workbookWith([['Ghi chú'], ['Không có bảng']]));
    expect(appendix.errors.map((e) => e.code)).toEqual(['HEADER_NOT_FOUND']);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readXlsxAppendix(Buffer.from('not a zip'))).rejects.toBeInstanceOf(AppendixReadError);
  });
});
