import { REFUSAL, SubmitReportInput } from '../task-lifecycle.contract';
import { isOwnerHead, isoInstant, permit, recomputeRecurringDue, refuse, rememberSubmittedFiles, requireText, stay, todayOf, validAttachments } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const submitReport = defineAction({
  name: 'submitReport',
  route: 'submit-report',
  label: 'Nộp báo cáo kỳ',
  who: 'Trưởng đơn vị chủ trì của nhiệm vụ thường xuyên, khi có kỳ báo cáo đang mở.',
  fields: {
    roundKey: field.text({ maxLength: 100, example: '2026-Q1' }),
    text: field.text(),
    attachments: field.attachments({ optional: true }),
  },
  allowed(m, actor) {
    if (m.mode !== 'recurring') refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ này không có kỳ báo cáo.');
    permit(isOwnerHead(m, actor), 'Chỉ trưởng đơn vị chủ trì được nộp báo cáo kỳ.');
    if (!m.rounds.some((r) => r.state === 'OPEN')) refuse(REFUSAL.INVALID_STATE, 'Chưa có kỳ báo cáo nào đang mở.');
  },
  check(m, i: SubmitReportInput) {
    if (m.mode !== 'recurring') refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ này không có kỳ báo cáo.');
    permit(isOwnerHead(m, i.actor), 'Chỉ trưởng đơn vị chủ trì được nộp báo cáo kỳ.');
    const r = m.rounds.find((x) => x.key === i.roundKey);
    if (!r) refuse(REFUSAL.ROUND_NOT_FOUND, 'Không tìm thấy kỳ báo cáo này.');
    if (r.state === 'UPCOMING') refuse(REFUSAL.INVALID_STATE, `Kỳ báo cáo mở từ ngày ${r.opensOn}.`);
    if (r.state !== 'OPEN') refuse(REFUSAL.INVALID_STATE, 'Báo cáo kỳ này đã được nộp.');
    requireText(i.text, 'Cần nhập nội dung báo cáo.');
    validAttachments(i.attachments);
  },
  apply(m, i: SubmitReportInput, ctx, emit) {
    const today = todayOf(ctx);
    const r = m.rounds.find((x) => x.key === i.roundKey)!;
    Object.assign(r, { state: 'SUBMITTED', submittedAt: isoInstant(ctx), submittedOn: today, text: i.text.trim() });
    recomputeRecurringDue(m);
    rememberSubmittedFiles(m, i.attachments);
    emit('REPORT_SUBMITTED', stay(m), { roundKey: r.key, label: r.label, dueOn: r.dueOn, late: today > r.dueOn, attachments: i.attachments ?? [] });
  },
  events: { REPORT_SUBMITTED: { recipients: ['monitor'] } },
  example: (m) => ({ roundKey: m.rounds.find((r) => r.state === 'OPEN')?.key ?? 'none', text: 'Báo cáo kỳ' }),
});
