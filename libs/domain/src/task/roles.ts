/** Roles of WORKFLOW.md ("People and what they may do"). */
export const ROLES = ['officer', 'unitHead', 'monitor', 'deputyDirector', 'director', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  officer: 'Chuyên viên',
  unitHead: 'Trưởng phòng',
  monitor: 'Theo dõi, đôn đốc',
  deputyDirector: 'Phó Giám đốc',
  director: 'Giám đốc',
  admin: 'Quản trị hệ thống',
};
