import type { Role } from '@app/domain';

/**
 * The people of the demo organization (DEMO_ORG.md): the director, two deputies with their
 * portfolios, a head and an officer per unit; Văn phòng Sở is the monitor. Usernames are stable:
 * tests, fixtures and the README use them.
 */
export interface DemoPerson {
  username: string;
  fullName: string;
  title: string;
  unitCode: string | null;
  roles: Role[];
  /** Units a deputy is in charge of. */
  portfolio?: string[];
}

// The head's title follows the unit's kind, as printed on documents.
const UNIT_PEOPLE: Array<[unitCode: string, headTitle: string, head: string, officer: string]> = [
  ['VP', 'Chánh Văn phòng', 'Nguyễn Văn Hùng', 'Trần Thị Mai'],
  ['CCHC', 'Trưởng phòng', 'Lê Thị Hồng', 'Phạm Minh Quân'],
  ['TCBC', 'Trưởng phòng', 'Võ Văn Dũng', 'Đặng Thị Lan'],
  ['CCVC', 'Trưởng phòng', 'Huỳnh Thị Thu', 'Bùi Văn Nam'],
  ['TTRA', 'Chánh Thanh tra', 'Đỗ Văn Thành', 'Ngô Thị Hạnh'],
  ['BTG', 'Trưởng ban', 'Phan Văn Tài', 'Lý Thị Ngọc'],
  ['BTDKT', 'Trưởng ban', 'Trương Văn Bình', 'Hồ Thị Yến'],
  ['TTLT', 'Giám đốc Trung tâm', 'Mai Văn Phúc', 'Châu Thị Kim'],
];

/** The monitor unit of the demo organization ("theo dõi, đôn đốc"). */
export const DEMO_MONITOR_UNIT = 'VP';

/**
 * Demo people get `<username>@` this domain, so notification e-mails have somebody to go to.
 * `.example` is reserved (RFC 2606): no such mailbox can exist, whatever relay is configured.
 */
export const DEMO_EMAIL_DOMAIN = 'snv-binhdinh.example';

export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'giamdoc', fullName: 'Lê Minh Tuấn', title: 'Giám đốc', unitCode: null, roles: ['director'] },
  {
    username: 'pgd.a',
    fullName: 'Nguyễn Thị Phương',
    title: 'Phó Giám đốc',
    unitCode: null,
    roles: ['deputyDirector'],
    portfolio: ['VP', 'CCHC', 'TTRA', 'TTLT'],
  },
  {
    username: 'pgd.b',
    fullName: 'Trần Quốc Việt',
    title: 'Phó Giám đốc',
    unitCode: null,
    roles: ['deputyDirector'],
    portfolio: ['TCBC', 'CCVC', 'BTG', 'BTDKT'],
  },
  ...UNIT_PEOPLE.flatMap(([unit, headTitle, head, officer]): DemoPerson[] => {
    const monitor: Role[] = unit === DEMO_MONITOR_UNIT ? ['monitor'] : [];
    const prefix = unit.toLowerCase();
    return [
      { username: `${prefix}.truongphong`, fullName: head, title: headTitle, unitCode: unit, roles: ['unitHead', ...monitor] },
      { username: `${prefix}.chuyenvien`, fullName: officer, title: 'Chuyên viên', unitCode: unit, roles: ['officer', ...monitor] },
    ];
  }),
  { username: 'quantri', fullName: 'Quản trị hệ thống', title: 'Quản trị viên', unitCode: null, roles: ['admin'] },
];
