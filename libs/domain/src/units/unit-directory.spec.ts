import { DEMO_ORG } from './demo-org';
import { normalizeUnitText, normalizeUnitTextMapped } from './unit-directory';

describe('normalizeUnitText', () => {
  it.each([
    ['Văn Phòng Sở', 'van phong so'],
    ['  Văn   phòng\tSở. ', 'van phong so'],
    ['Phòng CCHC - VTLT', 'phong cchc-vtlt'],
    ['Phòng CCHC-VTLT', 'phong cchc-vtlt'],
    ['Phòng CCHC – VTLT', 'phong cchc-vtlt'],
    ['P.TCBC và TCPCP', 'phong tcbc va tcpcp'],
    ['P. TCBC và TCPCP', 'phong tcbc va tcpcp'],
    ['P TCBC và TCPCP', 'phong tcbc va tcpcp'],
    ['Ban TĐKT;', 'ban tdkt'],
    ['Ban Thi đua - Khen thưởng', 'ban thi dua-khen thuong'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeUnitText(input)).toBe(expected);
  });

  it('treats decomposed (NFD) input like composed input', () => {
    expect(normalizeUnitText('Văn phòng Sở'.normalize('NFD'))).toBe('van phong so');
  });

  it('does not take a word that merely starts with p for the "P." abbreviation', () => {
    expect(normalizeUnitText('TP. Quy Nhơn')).toBe('tp. quy nhon');
    expect(normalizeUnitText('Phó Giám đốc')).toBe('pho giam doc');
  });

  it('maps every normalized character back to the original text', () => {
    const mapped = normalizeUnitTextMapped('Văn phòng Sở, P.TCBC và TCPCP');
    const start = mapped.text.indexOf('phong tcbc');
    const end = mapped.text.length;
    expect(mapped.source.slice(mapped.sourceStart[start], mapped.sourceEnd[end - 1])).toBe('P.TCBC và TCPCP');
  });
});

describe('DEMO_ORG', () => {
  it('holds the eight units of DEMO_ORG.md with their kinds', () => {
    expect(DEMO_ORG.organizationCode).toBe('SNV-BD');
    expect(DEMO_ORG.units.map((u) => `${u.code}:${u.kind}`)).toEqual([
      'VP:internal',
      'CCHC:internal',
      'TCBC:internal',
      'CCVC:internal',
      'TTRA:internal',
      'BTG:affiliated',
      'BTDKT:affiliated',
      'TTLT:affiliated',
    ]);
  });
});
