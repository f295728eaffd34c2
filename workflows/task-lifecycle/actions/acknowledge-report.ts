import { AcknowledgeReportInput, REFUSAL } from '../task-lifecycle.contract';
import { isLeaderFor, isMonitor, maybeCompleteRecurring, permit, refuse, stay } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const acknowledgeReport = defineAction({
  name: 'acknowledgeReport',
  route: 'acknowledge-report',
  label: 'Xác nhận báo cáo kỳ',
  who: 'Bộ phận theo dõi, Giám đốc hoặc Phó Giám đốc phụ trách, khi có báo cáo kỳ đã nộp chờ xác nhận.',
  fields: {
    roundKey: field.text({ maxLength: 100, example: '2026-Q1' }),
    comment: field.text({ optional: true }),
  },
  allowed(m, actor) {
    if (m.mode !== 'recurring') refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ này không có kỳ báo cáo.');
    permit(isMonitor(actor) || isLeaderFor(m, actor), 'Chỉ bộ phận theo dõi hoặc lãnh đạo được xác nhận báo cáo kỳ.');
    if (!m.rounds.some((r) => r.state === 'SUBMITTED')) refuse(REFUSAL.INVALID_STATE, 'Chưa có báo cáo kỳ nào chờ xác nhận.');
  },
  check(m, i: AcknowledgeReportInput) {
    if (m.mode !== 'recurring') refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ này không có kỳ báo cáo.');
    permit(isMonitor(i.actor) || isLeaderFor(m, i.actor), 'Chỉ bộ phận theo dõi hoặc lãnh đạo được xác nhận báo cáo kỳ.');
    const r = m.rounds.find((x) => x.key === i.roundKey);
    if (!r) refuse(REFUSAL.ROUND_NOT_FOUND, 'Không tìm thấy kỳ báo cáo này.');
    if (r.state !== 'SUBMITTED') refuse(REFUSAL.INVALID_STATE, r.state === 'ACKNOWLEDGED' ? 'Báo cáo kỳ này đã được xác nhận.' : 'Kỳ này chưa có báo cáo để xác nhận.');
  },
  apply(m, i: AcknowledgeReportInput, ctx, emit, events) {
    const r = m.rounds.find((x) => x.key === i.roundKey)!;
    r.state = 'ACKNOWLEDGED';
    r.acknowledgedBy = i.actor.userId;
    emit('REPORT_ACKNOWLEDGED', stay(m), { roundKey: r.key, label: r.label, comment: i.comment?.trim() ?? null });
    maybeCompleteRecurring(m, ctx, events, `acknowledgeReport:${i.idempotencyKey}`);
  },
  events: {
    REPORT_ACKNOWLEDGED: { recipients: ['leadUnitHead', 'leadUnitOfficer'] },
    // The last round acknowledged after the plan's end completes the task.
    COMPLETED: { recipients: ['leadUnitHead', 'monitor'] },
  },
  example: (m) => ({ roundKey: m.rounds.find((r) => r.state === 'SUBMITTED')?.key ?? 'none' }),
});
