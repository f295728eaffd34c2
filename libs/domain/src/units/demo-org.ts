import { DEPARTMENT_GROUP_PHRASES, type UnitDirectory } from './unit-directory';

/**
 * The demo organization (shared/domain/DEMO_ORG.md): Sở Nội vụ tỉnh Bình Định, issuer of the sample
 * plan. A contract: seeds, fixtures and tests refer to these codes, so change them only together.
 */
export const DEMO_ORG = {
  organizationCode: 'SNV-BD',
  organizationName: 'Sở Nội vụ tỉnh Bình Định',
  units: [
    { code: 'VP', name: 'Văn phòng Sở', kind: 'internal', aliases: ['Văn Phòng Sở', 'VP Sở'] },
    {
      code: 'CCHC',
      name: 'Phòng Cải cách hành chính - Văn thư, lưu trữ',
      kind: 'internal',
      aliases: ['Phòng CCHC-VTLT', 'Phòng CCHC - VTLT'],
    },
    {
      code: 'TCBC',
      name: 'Phòng Tổ chức, biên chế và tổ chức phi chính phủ',
      kind: 'internal',
      aliases: ['Phòng TCBC và TCPCP', 'P.TCBC và TCPCP'],
    },
    { code: 'CCVC', name: 'Phòng Công chức, viên chức', kind: 'internal', aliases: ['Phòng CCVC'] },
    { code: 'TTRA', name: 'Thanh tra Sở', kind: 'internal', aliases: ['Thanh tra'] },
    { code: 'BTG', name: 'Ban Tôn giáo', kind: 'affiliated', aliases: [] },
    { code: 'BTDKT', name: 'Ban Thi đua - Khen thưởng', kind: 'affiliated', aliases: ['Ban TĐKT'] },
    {
      code: 'TTLT',
      name: 'Trung tâm Lưu trữ lịch sử tỉnh',
      kind: 'affiliated',
      aliases: ['Trung tâm lưu trữ lịch sử tỉnh'],
    },
  ],
  groupPhrases: DEPARTMENT_GROUP_PHRASES,
} as const satisfies UnitDirectory;

export type DemoUnitCode = (typeof DEMO_ORG.units)[number]['code'];
