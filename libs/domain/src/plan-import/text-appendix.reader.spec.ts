import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_ORG } from '../units/demo-org';
import { resolveUnitCell } from '../units/unit-resolver';
import { readSamplePlanText } from './testing/appendix-fixtures';
import { readTextAppendix } from './text-appendix.reader';

const REPO_ROOT = resolve(__dirname, '../../../..');
// The product ships its own copy of seed 003; the test fixture is the copy of the real plan.
const FIXTURE_SEED_003 = resolve(REPO_ROOT, 'test/fixtures/seeds/003_d3f564d163c8d1e7.txt');
const SEED_003 = readSamplePlanText();

describe('readTextAppendix on seed 003', () => {
  const appendix = readTextAppendix(SEED_003);
  const section = (code: string) => appendix.sections.find((s) => s.code === code)!;
  const row = (code: string, ordinal: string) => section(code).rows.find((r) => r.ordinal === ordinal)!;

  it('finds 7 sections of 7, 4, 4, 1, 5, 3 and 8 tasks', () => {
    expect(appendix.sections.map((s) => [s.code, s.rows.length])).toEqual([
      ['I', 7],
      ['II', 4],
      ['III', 4],
      ['IV', 1],
      ['V', 5],
      ['VI', 3],
      ['VII', 8],
    ]);
    expect(appendix.sections[0].title).toBe('CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH');
    expect(appendix.sections[6].title).toBe('XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ');
    expect(appendix.sections.every((s) => s.rows.map((r) => r.ordinal).join() === s.rows.map((_, i) => i + 1).join())).toBe(true);
  });

  it('reports the declared total of 33 against the 32 tasks found, and nothing else', () => {
    expect(appendix.declaredTotal).toBe(33);
    expect(appendix.warnings).toEqual([
      { code: 'DECLARED_TOTAL_MISMATCH', message: 'Dòng tổng cộng ghi 33 nhiệm vụ nhưng bảng phụ lục có 32 nhiệm vụ.' },
    ]);
    expect(appendix.errors).toEqual([]);
  });

  it('maps the six columns', () => {
    expect(appendix.columns).toEqual(['ordinal', 'title', 'lead', 'coordinating', 'timeline', 'note']);
    expect(appendix.extraColumns).toEqual([]);
  });

  it('glues the rows broken by page breaks', () => {
    expect(row('I', '7')).toEqual({
      ordinal: '7',
      cells: {
        title: 'Thực hiện chế độ báo cáo định kỳ (quý, 6 tháng, năm)',
        lead: 'Phòng CCHC-VTLT',
        coordinating: 'Các đơn vị thuộc, trực thuộc Sở',
        timeline: 'Cả năm',
        note: '',
        extra: {},
      },
      source: { line: 131 },
    });
    expect(row('III', '1').cells.timeline).toBe(
      'Đăng ký: Tháng 3/2023 Xây dựng Phương án: Sau khi UBND tỉnh ban hành Kế hoạch KSTTHC năm 2023',
    );
    expect(row('V', '2').cells.coordinating).toBe('Phòng CCVC, các cơ quan, đơn vị có liên quan');
    expect(row('VI', '2').cells.title).toBe(
      'Xây dựng Nghị quyết và định mức đơn giá dịch vụ sự nghiệp công cơ bản thiết yếu sử dụng ngân sách nhà nước thuộc lĩnh vực Nội vụ',
    );
  });

  it('keeps the row after a repeated <b> header', () => {
    expect(row('VII', '7').cells.lead).toBe('Văn phòng Sở');
    expect(row('VII', '8').cells.title).toBe('Triển lãm thực tế ảo');
  });

  it('returns the plan text before the table for the plan-header step', () => {
    expect(appendix.precedingText[0]).toBe('Số: /KH-SNV Bình Định, ngày tháng 12 năm 2022');
    expect(appendix.precedingText).toContain('KẾ HOẠCH');
    expect(appendix.precedingText.slice(-3)).toEqual([
      'PHỤ LỤC',
      'CÁC NHIỆM VỤ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH SỞ NỘI VỤ NĂM 2023',
      '(Kèm theo Kế hoạch số KH-SNV ngày tháng năm 2022 của Sở Nội vụ tỉnh Bình Định)',
    ]);
  });

  it('resolves every lead and coordinating cell against the demo organization', () => {
    const cells = appendix.sections.flatMap((s) => s.rows.flatMap((r) => [r.cells.lead, r.cells.coordinating]));
    const unknown = cells.flatMap((cell) => resolveUnitCell(cell, DEMO_ORG).unknown);
    expect(unknown).toEqual([]);
    expect(cells.every((cell) => resolveUnitCell(cell, DEMO_ORG).refs.length > 0)).toBe(true);
  });

  it('ships the same text as the real seed 003 (test/fixtures/seeds)', () => {
    expect(SEED_003).toBe(readFileSync(FIXTURE_SEED_003, 'utf8'));
  });
});

describe('readTextAppendix on other text forms', () => {
  it('reads a markdown pipe table with bold section rows', () => {
    const appendix = readTextAppendix(
      [
        '## PHỤ LỤC',
        '| TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |',
        '|---|---|---|---|---|',
        '| **I. CẢI CÁCH THỂ CHẾ** | | | | |',
        '| 1 | Rà soát văn bản | Văn phòng Sở | Thanh tra Sở | Quý II |',
        '| 2 | Hệ thống hóa | Văn phòng Sở | | Tháng 6/2023 |',
        '',
        '**Tổng cộng: 2 nhiệm vụ**',
      ].join('\n'),
    );
    expect(appendix.sections.map((s) => [s.code, s.title, s.rows.map((r) => [r.ordinal, r.cells.title, r.cells.timeline])])).toEqual([
      ['I', 'CẢI CÁCH THỂ CHẾ', [['1', 'Rà soát văn bản', 'Quý II'], ['2', 'Hệ thống hóa', 'Tháng 6/2023']]],
    ]);
    expect(appendix.declaredTotal).toBe(2);
    expect(appendix.warnings).toEqual([]);
    expect(appendix.precedingText).toEqual(['## PHỤ LỤC']);
  });

  it('takes the table after the "PHỤ LỤC" heading, not an earlier table of the plan body', () => {
    const appendix = readTextAppendix(
      [
        'STT\tNội dung\tĐơn vị chủ trì\tThời hạn',
        '1\tChỉ tiêu trong thân kế hoạch\tVăn phòng Sở\tQuý I',
        '**PHỤ LỤC**',
        'STT\tNhiệm vụ cụ thể\tCơ quan chủ trì\tThời gian thực hiện',
        '1\tNhiệm vụ của phụ lục\tVăn phòng Sở\tQuý II',
      ].join('\r\n'),
    );
    expect(appendix.sections[0].rows.map((r) => r.cells.title)).toEqual(['Nhiệm vụ của phụ lục']);
  });

  it('reports a text without a table', () => {
    const appendix = readTextAppendix('KẾ HOẠCH\nNhiệm vụ cụ thể theo Phụ lục đính kèm.');
    expect(appendix.errors.map((e) => e.code)).toEqual(['HEADER_NOT_FOUND']);
    expect(appendix.precedingText).toEqual(['KẾ HOẠCH', 'Nhiệm vụ cụ thể theo Phụ lục đính kèm.']);
  });
});
