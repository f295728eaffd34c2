import { DataSource } from 'typeorm';
import { CalendarDate, DEFAULT_ORGANIZATION_SETTINGS, DomainError, OrganizationSettings, resolveOrganizationSettings } from '@app/domain';
import { recordAdminAudit } from './admin-audit';

/** Bounds of every organization setting (working days), so a typo cannot stall or flood the tasks. */
const DAY_BOUNDS: Record<Exclude<keyof OrganizationSettings, 'silentReviewer' | 'reminderWorkingDaysBefore' | 'dayOffRule' | 'reportingDeadlines'>, [number, number]> = {
  reviewWindowWorkingDays: [1, 60],
  escalateToDeputyAfterWorkingDays: [1, 60],
  escalateToDirectorAfterWorkingDays: [1, 120],
  maxExtensionsPerTask: [0, 10],
  eventWindowWorkingDays: [1, 120],
  reviewReminderWorkingDaysBefore: [0, 30],
  reviewEscalateToDirectorAfterWorkingDays: [1, 60],
  approvalReminderAfterWorkingDays: [1, 60],
  approvalEscalateAfterWorkingDays: [1, 120],
};

export const SETTING_KEYS = Object.keys(DEFAULT_ORGANIZATION_SETTINGS) as Array<keyof OrganizationSettings>;

/** Every problem of a whole set of settings, in Vietnamese, by key (empty: valid). */
export function settingsProblems(s: OrganizationSettings): Array<{ key: string; message: string }> {
  const problems: Array<{ key: string; message: string }> = [];
  for (const [key, [min, max]] of Object.entries(DAY_BOUNDS)) {
    const v = (s as unknown as Record<string, unknown>)[key];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) problems.push({ key, message: `${key} phải là số nguyên từ ${min} đến ${max}.` });
  }
  if (s.silentReviewer !== 'agree' && s.silentReviewer !== 'escalate') {
    problems.push({ key: 'silentReviewer', message: 'silentReviewer là "agree" (im lặng là đồng ý) hoặc "escalate" (báo lãnh đạo).' });
  }
  if (typeof s.dayOffRule !== 'boolean') {
    problems.push({ key: 'dayOffRule', message: 'dayOffRule là true (hạn rơi vào ngày nghỉ thì kết thúc vào cuối ngày làm việc tiếp theo, Điều 148 khoản 5 BLDS 2015) hoặc false.' });
  }
  const rd = s.reportingDeadlines as unknown as Record<string, unknown> | null;
  const periods = ['q1', 'h1', 'q3', 'year'] as const;
  const monthDays = periods.map((k) => (rd && typeof rd === 'object' ? rd[k] : undefined));
  const validMonthDay = (v: unknown) => typeof v === 'string' && /^\d{2}-\d{2}$/.test(v) && CalendarDate.isValid(`2023-${v}`);
  if (!rd || typeof rd !== 'object' || Object.keys(rd).some((k) => !(periods as readonly string[]).includes(k)) || !monthDays.every(validMonthDay)) {
    problems.push({ key: 'reportingDeadlines', message: 'reportingDeadlines gồm q1, h1, q3, year, mỗi hạn dạng MM-DD (ví dụ "03-14"), một ngày có thật của năm (không phải 29/02).' });
  } else if (monthDays.some((v, i) => i > 0 && (v as string) <= (monthDays[i - 1] as string))) {
    problems.push({ key: 'reportingDeadlines', message: 'Hạn báo cáo quý I, 6 tháng, quý III và năm phải theo thứ tự trong năm.' });
  }
  const r = s.reminderWorkingDaysBefore;
  if (!Array.isArray(r) || r.length > 5 || r.some((d) => !Number.isInteger(d) || d < 1 || d > 30) || new Set(r).size !== r.length) {
    problems.push({ key: 'reminderWorkingDaysBefore', message: 'reminderWorkingDaysBefore là tối đa 5 số nguyên khác nhau từ 1 đến 30.' });
  }
  if (!problems.length && s.escalateToDirectorAfterWorkingDays <= s.escalateToDeputyAfterWorkingDays) {
    problems.push({ key: 'escalateToDirectorAfterWorkingDays', message: 'Báo Giám đốc phải sau khi báo Phó Giám đốc phụ trách.' });
  }
  if (!problems.length && s.reviewReminderWorkingDaysBefore >= s.reviewWindowWorkingDays) {
    problems.push({ key: 'reviewReminderWorkingDaysBefore', message: 'Nhắc đơn vị phối hợp phải trước khi hết thời hạn cho ý kiến.' });
  }
  if (!problems.length && s.approvalEscalateAfterWorkingDays <= s.approvalReminderAfterWorkingDays) {
    problems.push({ key: 'approvalEscalateAfterWorkingDays', message: 'Báo Giám đốc về hồ sơ chờ duyệt phải sau lời nhắc.' });
  }
  return problems;
}

export async function loadOrganizationSettings(ds: DataSource, organizationId: string): Promise<OrganizationSettings> {
  const [org] = await ds.query(`SELECT settings FROM organizations WHERE id = $1`, [organizationId]);
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', 'Không tìm thấy cơ quan.');
  return resolveOrganizationSettings(org.settings);
}

/**
 * Replaces the settings given (the others keep their value), validated as a whole: 422
 * SETTINGS_INVALID with every problem, nothing stored. Audited; answers the whole set and whether
 * anything changed.
 */
export async function updateOrganizationSettings(
  ds: DataSource,
  ctx: { organizationId: string; actorUserId: string | null },
  patch: Partial<Omit<OrganizationSettings, 'reportingDeadlines'>> & { reportingDeadlines?: Partial<OrganizationSettings['reportingDeadlines']> },
): Promise<{ settings: OrganizationSettings; changed: boolean }> {
  return ds.transaction(async (tx) => {
    const [org] = await tx.query(`SELECT settings FROM organizations WHERE id = $1 FOR UPDATE`, [ctx.organizationId]);
    if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', 'Không tìm thấy cơ quan.');
    const before = resolveOrganizationSettings(org.settings);
    // Only the keys given: a validated body object carries its absent fields as undefined.
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<OrganizationSettings>;
    const after = { ...before, ...given } as OrganizationSettings;
    // A reporting calendar given in part keeps the other periods' dates (a validated body carries absent ones as undefined).
    if (patch.reportingDeadlines && typeof patch.reportingDeadlines === 'object') {
      const periods = Object.entries(patch.reportingDeadlines).filter(([, v]) => v !== undefined);
      after.reportingDeadlines = { ...before.reportingDeadlines, ...Object.fromEntries(periods) };
    }
    if (Array.isArray(after.reminderWorkingDaysBefore)) after.reminderWorkingDaysBefore = [...after.reminderWorkingDaysBefore].sort((a, b) => b - a);
    const problems = settingsProblems(after);
    if (problems.length) throw new DomainError('SETTINGS_INVALID', problems[0].message, { problems });
    const changed = JSON.stringify(before) !== JSON.stringify(after);
    if (changed) {
      await tx.query(`UPDATE organizations SET settings = $2 WHERE id = $1`, [ctx.organizationId, JSON.stringify(after)]);
      await recordAdminAudit(tx, { ...ctx, action: 'settings.update', targetType: 'organization', targetId: ctx.organizationId, before: { ...before }, after: { ...after } });
    }
    return { settings: after, changed };
  });
}
