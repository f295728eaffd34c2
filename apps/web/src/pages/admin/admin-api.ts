import { api } from '../../api/api.client';

/** The administration API's shapes (apps/api/src/admin) as the pages read them. */
export interface AdminUnit {
  id: string;
  code: string;
  name: string;
  kind: 'internal' | 'affiliated';
  aliases: string[];
  active: boolean;
}

export interface AdminPerson {
  id: string;
  username: string;
  fullName: string;
  title: string;
  email: string | null;
  unitCode: string | null;
  roles: string[];
  portfolioUnitCodes: string[];
  active: boolean;
  hasPassword: boolean;
}

export interface DirectoryRowError {
  sheet: 'units' | 'people' | 'portfolios';
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface DirectoryPreview {
  id: string;
  fileName: string;
  status: 'preview' | 'confirmed' | 'discarded';
  importable: boolean;
  noChanges: boolean | null;
  errors: DirectoryRowError[];
  units: { create: Array<{ code: string; name: string }>; update: Array<{ code: string; before: Record<string, unknown>; after: Record<string, unknown> }>; unchanged: number } | null;
  people: {
    create: Array<{ username: string; fullName: string; unitCode: string | null; roles: string[] }>;
    update: Array<{ username: string; before: Record<string, unknown>; after: Record<string, unknown> }>;
    unchanged: number;
  } | null;
  summary: string | null;
}

export interface AuditEntry {
  id: string;
  createdAt: string;
  action: string;
  targetType: string;
  targetId: string | null;
  actor: { userId: string; username: string; fullName: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const patch = <T,>(path: string, body: unknown) => api.request<T>('PATCH', path, { body });
export const put = <T,>(path: string, body: unknown) => api.request<T>('PUT', path, { body });

export const KIND_LABELS: Record<string, string> = { internal: 'Thuộc Sở', affiliated: 'Trực thuộc Sở' };

export const AUDIT_LABELS: Record<string, string> = {
  'organization.create': 'Tạo cơ quan',
  'unit.create': 'Thêm đơn vị',
  'unit.update': 'Sửa đơn vị',
  'user.create': 'Thêm người dùng',
  'user.update': 'Sửa người dùng',
  'invitation.send': 'Gửi thư mời',
  'settings.update': 'Sửa thiết lập',
  'directory.import': 'Nhập danh mục từ tệp',
};

/** What changed between two audit snapshots, one "key: before → after" per changed field. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') || '—' : v === null || v === undefined || v === '' ? '—' : String(v));
  return keys
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]))
    .map((k) => (before ? `${k}: ${show(before[k])} → ${show(after?.[k])}` : `${k}: ${show(after?.[k])}`));
}
