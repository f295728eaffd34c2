import { DEMO_ORG } from './demo-org';
import type { UnitDirectory } from './unit-directory';
import { resolveUnitCell, type UnitRef } from './unit-resolver';

const resolve = (cell: string) => resolveUnitCell(cell, DEMO_ORG);
const unit = (raw: string, code: string): UnitRef => ({ raw, unit: code });
const group = (raw: string, g: UnitRef['group']): UnitRef => ({ raw, group: g });

describe('resolveUnitCell', () => {
  describe('every lead/coordinating cell of seed 003', () => {
    it.each<[string, UnitRef[]]>([
      ['Phòng CCHC-VTLT', [unit('Phòng CCHC-VTLT', 'CCHC')]],
      ['Văn phòng Sở', [unit('Văn phòng Sở', 'VP')]],
      ['Văn Phòng Sở', [unit('Văn Phòng Sở', 'VP')]],
      ['Trung tâm lưu trữ lịch sử tỉnh', [unit('Trung tâm lưu trữ lịch sử tỉnh', 'TTLT')]],
      ['Ban Tôn giáo', [unit('Ban Tôn giáo', 'BTG')]],
      ['Ban Thi đua - Khen thưởng', [unit('Ban Thi đua - Khen thưởng', 'BTDKT')]],
      ['Phòng Công chức, viên chức', [unit('Phòng Công chức, viên chức', 'CCVC')]],
      ['Phòng TCBC và TCPCP', [unit('Phòng TCBC và TCPCP', 'TCBC')]],
      ['Các đơn vị thuộc, trực thuộc Sở', [group('Các đơn vị thuộc, trực thuộc Sở', 'ALL_UNITS')]],
      ['Các đơn vị thuộc và trực thuộc Sở', [group('Các đơn vị thuộc và trực thuộc Sở', 'ALL_UNITS')]],
      [
        'Các cơ quan, đơn vị thuộc, trực thuộc Sở',
        [group('Các cơ quan, đơn vị thuộc, trực thuộc Sở', 'ALL_UNITS')],
      ],
      [
        'Văn phòng Sở, các đơn vị trực thuộc Sở',
        [unit('Văn phòng Sở', 'VP'), group('các đơn vị trực thuộc Sở', 'AFFILIATED_UNITS')],
      ],
      [
        'Phòng CCVC, các cơ quan, đơn vị có liên quan',
        [unit('Phòng CCVC', 'CCVC'), group('các cơ quan, đơn vị có liên quan', 'RELEVANT')],
      ],
      ['Văn phòng Sở, P.TCBC và TCPCP', [unit('Văn phòng Sở', 'VP'), unit('P.TCBC và TCPCP', 'TCBC')]],
      ['Các đơn vị liên quan', [group('Các đơn vị liên quan', 'RELEVANT')]],
      ['Các đơn vị có liên quan', [group('Các đơn vị có liên quan', 'RELEVANT')]],
      ['Các cơ quan, đơn vị có liên quan', [group('Các cơ quan, đơn vị có liên quan', 'RELEVANT')]],
    ])('%j', (cell, refs) => {
      expect(resolve(cell)).toEqual({ refs, unknown: [] });
    });
  });

  describe('the alias table of DEMO_ORG.md', () => {
    it.each([
      ['Văn phòng Sở', 'VP'],
      ['Văn Phòng Sở', 'VP'],
      ['VP Sở', 'VP'],
      ['Phòng Cải cách hành chính - Văn thư, lưu trữ', 'CCHC'],
      ['Phòng CCHC-VTLT', 'CCHC'],
      ['Phòng CCHC - VTLT', 'CCHC'],
      ['Phòng Tổ chức, biên chế và tổ chức phi chính phủ', 'TCBC'],
      ['Phòng TCBC và TCPCP', 'TCBC'],
      ['P.TCBC và TCPCP', 'TCBC'],
      ['Phòng Công chức, viên chức', 'CCVC'],
      ['Phòng CCVC', 'CCVC'],
      ['Thanh tra Sở', 'TTRA'],
      ['Thanh tra', 'TTRA'],
      ['Ban Tôn giáo', 'BTG'],
      ['Ban Thi đua - Khen thưởng', 'BTDKT'],
      ['Ban TĐKT', 'BTDKT'],
      ['Trung tâm Lưu trữ lịch sử tỉnh', 'TTLT'],
      ['Trung tâm lưu trữ lịch sử tỉnh', 'TTLT'],
    ])('%j → %s', (cell, code) => {
      expect(resolve(cell)).toEqual({ refs: [unit(cell, code)], unknown: [] });
    });

    it.each([
      'Các phòng, ban, trung tâm thuộc và trực thuộc Sở',
      'các đơn vị thuộc, trực thuộc Sở',
      'CÁC ĐƠN VỊ THUỘC, TRỰC THUỘC SỞ',
    ])('group phrase %j → ALL_UNITS', (cell) => {
      expect(resolve(cell)).toEqual({ refs: [group(cell, 'ALL_UNITS')], unknown: [] });
    });
  });

  describe('spelling the page layout and typists produce', () => {
    it('reads a name glued back from a page break', () => {
      expect(resolve('Phòng CCHC- VTLT').refs).toEqual([unit('Phòng CCHC- VTLT', 'CCHC')]);
    });

    it('reads units separated by "và", ";", a line-break bullet or only a space', () => {
      expect(resolve('Văn phòng Sở và Phòng CCVC').refs).toEqual([
        unit('Văn phòng Sở', 'VP'),
        unit('Phòng CCVC', 'CCVC'),
      ]);
      expect(resolve('Thanh tra Sở; Ban TĐKT.').refs).toEqual([unit('Thanh tra Sở', 'TTRA'), unit('Ban TĐKT', 'BTDKT')]);
      expect(resolve('- Văn phòng Sở - Phòng CCVC').refs).toEqual([
        unit('Văn phòng Sở', 'VP'),
        unit('Phòng CCVC', 'CCVC'),
      ]);
      expect(resolve('Văn phòng Sở Phòng CCVC').refs).toEqual([unit('Văn phòng Sở', 'VP'), unit('Phòng CCVC', 'CCVC')]);
    });

    it('prefers the longest name: "Thanh tra Sở" is one unit, not "Thanh tra" plus "Sở"', () => {
      expect(resolve('Thanh tra Sở')).toEqual({ refs: [unit('Thanh tra Sở', 'TTRA')], unknown: [] });
    });

    it('returns nothing for an empty cell', () => {
      expect(resolve('  ')).toEqual({ refs: [], unknown: [] });
    });
  });

  describe('units the directory does not know', () => {
    it('reports an unknown unit instead of guessing', () => {
      expect(resolve('Phòng Tư pháp')).toEqual({ refs: [], unknown: ['Phòng Tư pháp'] });
    });

    it('keeps the known units of a mixed cell and reports the rest', () => {
      expect(resolve('Văn phòng Sở, Phòng Tư pháp')).toEqual({
        refs: [unit('Văn phòng Sở', 'VP')],
        unknown: ['Phòng Tư pháp'],
      });
      expect(resolve('Phòng Tư pháp và Ban Tôn giáo, các đơn vị có liên quan')).toEqual({
        refs: [unit('Ban Tôn giáo', 'BTG'), group('các đơn vị có liên quan', 'RELEVANT')],
        unknown: ['Phòng Tư pháp'],
      });
    });

    it('splits unknown text only where a new unit name starts', () => {
      expect(resolve('Phòng Tư pháp, Phòng Y tế').unknown).toEqual(['Phòng Tư pháp', 'Phòng Y tế']);
      expect(resolve('Phòng Lao động, Thương binh và Xã hội').unknown).toEqual([
        'Phòng Lao động, Thương binh và Xã hội',
      ]);
    });

    it('does not take the start of an unknown name for a known unit', () => {
      // "Thanh tra tỉnh" is the provincial inspectorate, not the department's "Thanh tra".
      expect(resolve('Thanh tra tỉnh')).toEqual({ refs: [], unknown: ['Thanh tra tỉnh'] });
      expect(resolve('Sở Tư pháp, Thanh tra tỉnh')).toEqual({
        refs: [],
        unknown: ['Sở Tư pháp', 'Thanh tra tỉnh'],
      });
    });

    it('does not find a known name inside unknown words', () => {
      expect(resolve('Ban quản lý Ban Tôn giáo cũ')).toEqual({ refs: [], unknown: ['Ban quản lý Ban Tôn giáo cũ'] });
    });
  });

  it('refuses a directory where one alias names two units', () => {
    const broken: UnitDirectory = {
      ...DEMO_ORG,
      units: [...DEMO_ORG.units, { code: 'X', name: 'Phòng X', kind: 'internal', aliases: ['Thanh tra'] }],
    };
    expect(() => resolveUnitCell('Thanh tra', broken)).toThrow(/trùng/);
  });
});
