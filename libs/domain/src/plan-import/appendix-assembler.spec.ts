import type { GridRow } from './appendix.types';
import { assembleAppendix } from './appendix-assembler';

const HEADER = ['STT', 'Nhiệm vụ cụ thể', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện', 'Ghi chú'];

/** Rows numbered as text lines, the way the text reader numbers them. */
function grid(...rows: Array<string[] | GridRow>): GridRow[] {
  return rows.map((row, i) => (Array.isArray(row) ? { cells: row, source: { line: i + 1 } } : row));
}

const codesOf = (issues: Array<{ code: string }>) => issues.map((issue) => issue.code);

describe('assembleAppendix', () => {
  it('finds the header below title rows and keeps those rows as preceding text', () => {
    const result = assembleAppendix(
      grid(['PHỤ LỤC'], ['CÁC NHIỆM VỤ NĂM 2023', ''], HEADER, ['I. CHỈ ĐẠO', '', '', '', '', ''], ['1', 'Việc A', 'Văn phòng Sở', '', 'Tháng 2/2023', '']),
    );
    expect(result.precedingText).toEqual(['PHỤ LỤC', 'CÁC NHIỆM VỤ NĂM 2023']);
    expect(result.columns).toEqual(['ordinal', 'title', 'lead', 'coordinating', 'timeline', 'note']);
    expect(result.sections).toEqual([
      {
        code: 'I',
        title: 'CHỈ ĐẠO',
        rows: [
          {
            ordinal: '1',
            cells: { title: 'Việc A', lead: 'Văn phòng Sở', coordinating: '', timeline: 'Tháng 2/2023', note: '', extra: {} },
            source: { line: 5 },
          },
        ],
      },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('reports a missing header as an error', () => {
    const result = assembleAppendix(grid(['1', 'Việc A', 'Văn phòng Sở']));
    expect(codesOf(result.errors)).toEqual(['HEADER_NOT_FOUND']);
    expect(result.sections).toEqual([]);
  });

  it('skips header rows repeated at page breaks, with or without <b> tags', () => {
    const result = assembleAppendix(
      grid(
        HEADER,
        ['1', 'Việc A', 'VP', '', '', ''],
        HEADER,
        ['2', 'Việc B', 'VP', '', '', ''],
        HEADER.map((label) => `<b>${label}</b>`),
        ['3', 'Việc C', 'VP', '', '', ''],
      ),
    );
    expect(result.sections[0].rows.map((row) => row.ordinal)).toEqual(['1', '2', '3']);
  });

  it('glues a continuation row cell by cell to the task above, across a repeated header', () => {
    const result = assembleAppendix(
      grid(
        HEADER,
        ['I. CHỈ ĐẠO', '', '', '', '', ''],
        ['7', 'Thực hiện chế độ báo cáo định', 'Phòng CCHC-', 'Các đơn vị thuộc, trực', 'Cả năm', ''],
        HEADER,
        ['', 'kỳ (quý, 6 tháng, năm)', 'VTLT', 'thuộc Sở', '', ''],
        ['8', 'Cập nhật dữ liệu thi đua -', 'Ban Thi đua -', '', '', ''],
        ['', 'khen thưởng', 'Khen thưởng', '', '', ''],
      ),
    );
    const [seventh, eighth] = result.sections[0].rows;
    expect(seventh.cells).toMatchObject({
      title: 'Thực hiện chế độ báo cáo định kỳ (quý, 6 tháng, năm)',
      lead: 'Phòng CCHC-VTLT',
      coordinating: 'Các đơn vị thuộc, trực thuộc Sở',
      timeline: 'Cả năm',
    });
    expect(seventh.source).toEqual({ line: 3 });
    // A spaced dash is a dash between words, not a word broken by the page: the space stays.
    expect(eighth.cells.title).toBe('Cập nhật dữ liệu thi đua - khen thưởng');
    expect(eighth.cells.lead).toBe('Ban Thi đua - Khen thưởng');
  });

  it('reads rows with missing trailing cells as empty cells', () => {
    const result = assembleAppendix(grid(HEADER, ['1', 'Việc A', 'VP', 'Phòng CCVC', 'Tháng 2/2023']));
    expect(result.sections[0].rows[0].cells).toEqual({
      title: 'Việc A',
      lead: 'VP',
      coordinating: 'Phòng CCVC',
      timeline: 'Tháng 2/2023',
      note: '',
      extra: {},
    });
  });

  describe('section rows', () => {
    it('reads a numeral and title in one cell, a numeral in the STT column, and a spanning row', () => {
      const result = assembleAppendix(
        grid(
          HEADER,
          ['<b>I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH</b>', '', '', '', '', ''],
          ['1', 'Việc A', 'VP', '', '', ''],
          ['II', 'CẢI CÁCH THỂ CHẾ', '', '', '', ''],
          ['1', 'Việc B', 'VP', '', '', ''],
          { cells: ['III - CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', '', ''], source: { row: 6 }, spansAllColumns: true },
          ['1', 'Việc C', 'VP', '', '', ''],
          { cells: ['Nhiệm vụ khác', '', '', '', '', ''], source: { row: 8 }, spansAllColumns: true },
          ['1', 'Việc D', 'VP', '', '', ''],
        ),
      );
      expect(result.sections.map(({ code, title, rows }) => [code, title, rows.length])).toEqual([
        ['I', 'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH', 1],
        ['II', 'CẢI CÁCH THỂ CHẾ', 1],
        ['III', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', 1],
        ['', 'Nhiệm vụ khác', 1],
      ]);
      expect(result.errors).toEqual([]);
    });

    it('puts rows before any section row into one unnamed section', () => {
      const result = assembleAppendix(grid(HEADER, ['1', 'Việc A', 'VP', '', '', '']));
      expect(result.sections.map(({ code, title }) => [code, title])).toEqual([['', '']]);
    });

    it('reads a section heading written as a paragraph between two parts of the table', () => {
      const result = assembleAppendix(
        grid(HEADER, ['1', 'Việc A', 'VP', '', '', ''], { cells: ['II. CẢI CÁCH THỂ CHẾ'], source: { line: 3 }, freeText: true }, ['1', 'Việc B', 'VP', '', '', '']),
      );
      expect(result.sections.map((section) => section.code)).toEqual(['', 'II']);
      expect(result.errors).toEqual([]);
    });
  });

  it('reads the declared total and warns when it differs from the rows found', () => {
    const result = assembleAppendix(
      grid(HEADER, ['1', 'Việc A', 'VP', '', '', ''], ['2', 'Việc B', 'VP', '', '', ''], ['<b>Tổng cộng: 3 nhiệm vụ</b>', '', '', '', '', '']),
    );
    expect(result.declaredTotal).toBe(3);
    expect(result.warnings).toEqual([
      { code: 'DECLARED_TOTAL_MISMATCH', message: 'Dòng tổng cộng ghi 3 nhiệm vụ nhưng bảng phụ lục có 2 nhiệm vụ.' },
    ]);
  });

  it('has no declared total and no warning without a footer', () => {
    const result = assembleAppendix(grid(HEADER, ['1', 'Việc A', 'VP', '', '', '']));
    expect(result.declaredTotal).toBeNull();
    expect(result.warnings).toEqual([]);
  });

  it('reports a task without title and an ordinal used twice in a section', () => {
    const result = assembleAppendix(
      grid(
        HEADER,
        ['I. A', '', '', '', '', ''],
        ['1', 'Việc A', 'VP', '', '', ''],
        ['2', '', 'VP', '', 'Tháng 2/2023', ''],
        ['1', 'Việc C', 'VP', '', '', ''],
        ['II. B', '', '', '', '', ''],
        ['1', 'Việc D', 'VP', '', '', ''],
      ),
    );
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'EMPTY_TITLE', section: 'I', ordinal: '2', cell: 'title', source: { line: 4 } }),
      expect.objectContaining({ code: 'DUPLICATE_ORDINAL', section: 'I', ordinal: '1', source: { line: 5 } }),
    ]);
    expect(result.errors[1].message).toBe('STT 1 bị lặp lại trong mục I (dòng 5).');
  });

  it('reports a row without STT that has no task above it instead of dropping it', () => {
    const result = assembleAppendix(grid(HEADER, ['I. A', '', '', '', '', ''], ['', 'mồ côi', '', '', '', '']));
    expect(result.sections[0].rows.map((row) => [row.ordinal, row.cells.title])).toEqual([['', 'mồ côi']]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'MISSING_ORDINAL', section: 'I' })]);
  });

  it('keeps unmapped columns as extra cells under their header text', () => {
    const result = assembleAppendix(
      grid(
        ['TT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Sản phẩm', 'Thời hạn', 'Kết quả đầu ra'],
        ['1', 'Việc A', 'VP', 'Kế hoạch', 'Quý I', ''],
        ['', 'tiếp', '', 'được ban hành', '', 'Báo cáo'],
      ),
    );
    expect(result.columns).toEqual(['ordinal', 'title', 'lead', 'timeline']);
    expect(result.extraColumns).toEqual(['Sản phẩm', 'Kết quả đầu ra']);
    expect(result.sections[0].rows[0].cells).toEqual({
      title: 'Việc A tiếp',
      lead: 'VP',
      coordinating: '',
      timeline: 'Quý I',
      note: '',
      extra: { 'Sản phẩm': 'Kế hoạch được ban hành', 'Kết quả đầu ra': 'Báo cáo' },
    });
  });

  it('keeps cells beyond the header in a numbered extra cell, with a warning', () => {
    const result = assembleAppendix(grid(HEADER, ['1', 'Việc A', 'VP', '', '', '', 'lạc cột']));
    expect(result.sections[0].rows[0].cells.extra).toEqual({ 'Cột 7': 'lạc cột' });
    expect(codesOf(result.warnings)).toEqual(['EXTRA_CELLS']);
  });

  it('reads a two-row header and skips the column-number row under it', () => {
    const result = assembleAppendix([
      { cells: ['STT', 'Nhiệm vụ', 'Cơ quan thực hiện', '', 'Thời gian', 'Ghi chú'], source: { row: 1 } },
      {
        cells: ['STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian', 'Ghi chú'],
        mergedFromAbove: [true, true, false, false, true, true],
        source: { row: 2 },
      },
      { cells: ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'], source: { row: 3 } },
      { cells: ['1', 'Việc A', 'VP', 'Phòng CCVC', 'Quý I', ''], source: { row: 4 } },
      // the header repeated on the next page, both rows
      { cells: ['STT', 'Nhiệm vụ', 'Cơ quan thực hiện', '', 'Thời gian', 'Ghi chú'], source: { row: 5 } },
      { cells: ['STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian', 'Ghi chú'], mergedFromAbove: [true, true, false, false, true, true], source: { row: 6 } },
      { cells: ['2', 'Việc B', 'VP', '', 'Quý II', ''], source: { row: 7 } },
    ]);
    expect(result.columns).toEqual(['ordinal', 'title', 'lead', 'coordinating', 'timeline', 'note']);
    expect(result.sections[0].rows.map((row) => [row.ordinal, row.cells.lead, row.cells.coordinating])).toEqual([
      ['1', 'VP', 'Phòng CCVC'],
      ['2', 'VP', ''],
    ]);
    expect(result.errors).toEqual([]);
  });

  describe('cells merged down from the row above', () => {
    it('gives a task row the merged unit, and does not glue the copy into a continuation', () => {
      const result = assembleAppendix([
        { cells: HEADER, source: { row: 1 } },
        { cells: ['1', 'Việc A', 'Văn phòng Sở', '', 'Quý I', ''], source: { row: 2 } },
        { cells: ['2', 'Việc B', 'Văn phòng Sở', '', 'Quý II', ''], mergedFromAbove: [false, false, true, false, false, false], source: { row: 3 } },
        { cells: ['2', 'và việc C', 'Văn phòng Sở', '', '', ''], mergedFromAbove: [true, false, true, false, false, false], source: { row: 4 } },
      ]);
      expect(result.sections[0].rows.map((row) => [row.ordinal, row.cells.title, row.cells.lead])).toEqual([
        ['1', 'Việc A', 'Văn phòng Sở'],
        ['2', 'Việc B và việc C', 'Văn phòng Sở'],
      ]);
      expect(result.errors).toEqual([]);
    });
  });

  it('reports free text inside the table but ignores text after it', () => {
    const result = assembleAppendix(
      grid(
        HEADER,
        ['1', 'Việc A', 'VP', '', '', ''],
        { cells: ['Trang 2'], source: { line: 3 }, freeText: true },
        ['2', 'Việc B', 'VP', '', '', ''],
        { cells: ['Tổng cộng: 2 nhiệm vụ'], source: { line: 5 }, freeText: true },
        { cells: ['GIÁM ĐỐC'], source: { line: 6 }, freeText: true },
        { cells: ['Tổng cộng: 9 nhiệm vụ là câu trong văn bản'], source: { line: 7 }, freeText: true },
      ),
    );
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'STRAY_TEXT', source: { line: 3 } })]);
    expect(result.warnings[0].message).toBe('Bỏ qua đoạn văn bản nằm giữa bảng phụ lục (dòng 3): "Trang 2".');
    expect(result.declaredTotal).toBe(2);
  });

  it('numbers rows itself, with a warning, when the table has no STT column', () => {
    const result = assembleAppendix(grid(['Nhiệm vụ', 'Chủ trì', 'Thời hạn'], ['Việc A', 'VP', ''], ['Việc B', 'VP', '']));
    expect(result.sections[0].rows.map((row) => row.ordinal)).toEqual(['1', '2']);
    expect(codesOf(result.warnings)).toEqual(['NO_ORDINAL_COLUMN']);
  });
});
