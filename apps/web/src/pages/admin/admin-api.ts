import type { components } from '../../api/schema';

/** The administration API's answers (apps/api/src/admin/admin.dto.ts), from the generated types. */
export type { AdminPerson, AdminUnit, AuditEntry } from '../../api/types';
export type DirectoryRowError = components['schemas']['DirectoryRowErrorDto'];
export type DirectoryPreview = components['schemas']['DirectoryImportDto'];

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
