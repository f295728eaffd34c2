import type { Me } from '../api/types';
import { isLeadership, isUnitStaff } from './format';

/** Where "home" and "back" go for this person: the list their work starts from. */
export function homeCrumb(me: Me | null): { label: string; to: string } {
  if (!me) return { label: 'Trang chủ', to: '/' };
  if (isLeadership(me.roles)) return { label: 'Hộp phê duyệt', to: '/inbox' };
  if (isUnitStaff(me.roles)) return { label: 'Việc của đơn vị', to: '/board' };
  if (me.roles.includes('monitor')) return { label: 'Theo dõi kế hoạch', to: '/dashboard' };
  if (me.roles.includes('admin')) return { label: 'Người dùng', to: '/admin/people' };
  return { label: 'Thông báo', to: '/notifications' };
}
