import { REFUSAL, RequestExtensionInput } from '../task-lifecycle.contract';
import { isOwnerHead, permit, refuse, requireDate, requireSingle, requireState, requireText, stay, todayOf } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';
import * as CalendarDate from '../../../libs/domain/src/calendar/calendar-date';

export const requestExtension = defineAction({
  name: 'requestExtension',
  route: 'request-extension',
  label: 'Đề nghị gia hạn',
  who: 'Trưởng đơn vị chủ trì, khi nhiệm vụ còn mở và có thời hạn, chưa có đề nghị đang chờ và chưa dùng hết số lần gia hạn cơ quan cho phép.',
  fields: {
    newDueOn: field.date({ example: '2026-06-10' }),
    reason: field.text(),
  },
  allowed(m, actor) {
    requireSingle(m, 'xin gia hạn cả nhiệm vụ');
    permit(isOwnerHead(m, actor), 'Chỉ trưởng đơn vị chủ trì được đề nghị gia hạn.');
    requireState(m, ['DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL'], 'đề nghị gia hạn');
    if (!m.dueOn) refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ chưa có thời hạn để gia hạn.');
    if (m.extensions.pending) refuse(REFUSAL.EXTENSION_PENDING, 'Đã có đề nghị gia hạn đang chờ lãnh đạo quyết định.');
    const max = m.settings.maxExtensionsPerTask;
    if (m.extensions.granted >= max) {
      refuse(REFUSAL.EXTENSION_LIMIT_REACHED, `Nhiệm vụ đã được gia hạn ${m.extensions.granted} lần; quy định của cơ quan cho phép tối đa ${max} lần.`);
    }
  },
  check(m, i: RequestExtensionInput, ctx) {
    requireSingle(m, 'xin gia hạn cả nhiệm vụ');
    permit(isOwnerHead(m, i.actor), 'Chỉ trưởng đơn vị chủ trì được đề nghị gia hạn.');
    requireState(m, ['DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL'], 'đề nghị gia hạn');
    requireText(i.reason, 'Cần nêu lý do đề nghị gia hạn.');
    const date = requireDate(i.newDueOn, 'Hạn mới');
    if (!m.dueOn) refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ chưa có thời hạn để gia hạn.');
    if (date <= m.dueOn) refuse(REFUSAL.INVALID_INPUT, `Hạn mới phải sau hạn hiện tại (${m.dueOn}).`);
    if (date < todayOf(ctx)) refuse(REFUSAL.INVALID_INPUT, 'Hạn mới không được ở quá khứ.');
    this.allowed(m, i.actor, ctx);
  },
  apply(m, i: RequestExtensionInput, _ctx, emit) {
    m.extensions.pending = { requestedDueOn: i.newDueOn, reason: i.reason.trim(), byUserId: i.actor.userId };
    emit('EXTENSION_REQUESTED', stay(m), { currentDueOn: m.dueOn, requestedDueOn: i.newDueOn, reason: i.reason.trim() });
  },
  events: { EXTENSION_REQUESTED: { recipients: ['approver'] } },
  example: (m) => ({ reason: 'Cần thêm thời gian', newDueOn: CalendarDate.addDays(m.dueOn ?? '2100-01-01', 3650) }),
});
