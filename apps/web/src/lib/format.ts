import type { ReviewOpinion, Role, StatusWord, TaskState } from '../api/types';

/**
 * Words and colours of the screens (WORKFLOW.md "Status words"): one colour per status word, green
 * done on time, amber done late, blue open in time, red overdue, grey waiting, not arisen or cancelled.
 */

export const STATUS_WORDS: Record<StatusWord, string> = {
  OPEN_ON_TIME: 'Đang thực hiện trong hạn',
  OPEN_OVERDUE: 'Đang thực hiện quá hạn',
  DONE_ON_TIME: 'Hoàn thành đúng hạn',
  DONE_LATE: 'Hoàn thành quá hạn',
  WAITING: 'Chờ sự kiện',
  CANCELLED: 'Đã hủy',
  NOT_ARISEN: 'Không phát sinh',
};

/** Mantine colours; the chart series use the same ones. */
export const STATUS_COLORS: Record<StatusWord, string> = {
  DONE_ON_TIME: 'green',
  DONE_LATE: 'yellow',
  OPEN_ON_TIME: 'blue',
  OPEN_OVERDUE: 'red',
  WAITING: 'gray',
  CANCELLED: 'gray',
  // An event row whose event never came by the plan end: neither done nor late (grey, AA as every gray of lib/palette.ts).
  NOT_ARISEN: 'gray',
};

/** Order of the charts and legends: finished first, then what is still running, then the rest. */
export const STATUS_ORDER: StatusWord[] = ['DONE_ON_TIME', 'DONE_LATE', 'OPEN_OVERDUE', 'OPEN_ON_TIME', 'WAITING', 'NOT_ARISEN', 'CANCELLED'];

export const STATE_LABELS: Record<TaskState, string> = {
  PENDING_TRIGGER: 'Chờ sự kiện',
  DRAFTING: 'Đang dự thảo',
  IN_REVIEW: 'Đang lấy ý kiến phối hợp',
  AWAITING_APPROVAL: 'Chờ lãnh đạo phê duyệt',
  COMPLETED: 'Đã hoàn thành',
  CANCELLED: 'Đã hủy',
};

export const ROLE_LABELS: Record<Role, string> = {
  officer: 'Chuyên viên',
  unitHead: 'Trưởng đơn vị',
  monitor: 'Theo dõi, đôn đốc',
  deputyDirector: 'Phó Giám đốc',
  director: 'Giám đốc',
  admin: 'Quản trị hệ thống',
};

export const OPINION_LABELS: Record<ReviewOpinion, string> = {
  agree: 'Đồng ý',
  agree_with_comments: 'Đồng ý, có góp ý',
  disagree: 'Không đồng ý',
};

export const OPINION_COLORS: Record<ReviewOpinion, string> = {
  agree: 'green',
  agree_with_comments: 'teal',
  disagree: 'red',
};

/** 2023-02-28 → 28/02/2023; anything else as is ('' for nothing). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

const VN_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as people in Vietnam read it: 28/02/2023 14:05. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(VN_TIME.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD: the API judges "overdue" by this day. */
export function vietnamToday(now = new Date()): string {
  const parts = Object.fromEntries(VN_TIME.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Calendar days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The ISO date `n` calendar days after `iso`. */
export function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy (also d/m/yyyy, with - or .) → YYYY-MM-DD, or null when it is no real date. */
export function parseVietnameseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** 0.857 → "85,7 %" (Vietnamese decimal comma). */
export function formatPercent(rate: number | null): string {
  if (rate === null || Number.isNaN(rate)) return '—';
  return `${(rate * 100).toFixed(1).replace('.', ',').replace(/,0$/, '')} %`;
}

export function isLeadership(roles: readonly string[]): boolean {
  return roles.includes('director') || roles.includes('deputyDirector');
}

export function isUnitStaff(roles: readonly string[]): boolean {
  return roles.includes('officer') || roles.includes('unitHead');
}

/** 1313 → "1.313" (Vietnamese thousands separator). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * How late a task is, in the words a Sở uses: working days first (the ladder and the rules count
 * them), the calendar days beside them; beyond two months also in months or years, so that 1.313
 * days never reads like a few. Without the organization's calendar (a year it has none for), the
 * calendar days alone.
 */
export function overdueText(calendarDays: number, workingDays: number | null): string {
  if (calendarDays <= 0) return '';
  const span = calendarDays >= 60 ? ` ≈ ${roughSpan(calendarDays)}` : '';
  if (workingDays === null) return `quá hạn ${formatCount(calendarDays)} ngày${span}`;
  return `quá hạn ${formatCount(workingDays)} ngày làm việc (${formatCount(calendarDays)} ngày${span})`;
}

function roughSpan(days: number): string {
  const months = Math.floor(days / 30.44);
  if (months < 12) return `${months} tháng`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest ? `${years} năm ${rest} tháng` : `${years} năm`;
}
