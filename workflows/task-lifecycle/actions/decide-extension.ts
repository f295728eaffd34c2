import { DecideExtensionInput, REFUSAL } from '../task-lifecycle.contract';
import { isLeaderFor, permit, refuse, requireDate, requireText, setDue, signature, stay, todayOf } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const decideExtension = defineAction({
  name: 'decideExtension',
  route: 'decide-extension',
  label: 'Quyết định gia hạn',
  who: 'Giám đốc hoặc Phó Giám đốc phụ trách đơn vị chủ trì, khi có đề nghị gia hạn đang chờ.',
  fields: {
    decision: field.enum(['grant', 'grant_other_date', 'refuse']),
    newDueOn: field.date({ optional: true, description: 'Bắt buộc với grant_other_date' }),
    comment: field.text({ optional: true, description: 'Bắt buộc khi không đồng ý' }),
  },
  allowed(m, actor) {
    permit(isLeaderFor(m, actor), 'Chỉ Giám đốc hoặc Phó Giám đốc phụ trách được quyết định gia hạn.');
    if (!m.extensions.pending) refuse(REFUSAL.NO_PENDING_EXTENSION, 'Không có đề nghị gia hạn nào đang chờ quyết định.');
  },
  check(m, i: DecideExtensionInput, ctx) {
    this.allowed(m, i.actor, ctx);
    if (!['grant', 'grant_other_date', 'refuse'].includes(i.decision)) refuse(REFUSAL.INVALID_INPUT, 'Quyết định phải là đồng ý, đồng ý với hạn khác, hoặc không đồng ý.');
    if (i.decision === 'grant_other_date') {
      const date = requireDate(i.newDueOn, 'Hạn mới');
      if (m.dueOn && date <= m.dueOn) refuse(REFUSAL.INVALID_INPUT, `Hạn mới phải sau hạn hiện tại (${m.dueOn}).`);
      if (date < todayOf(ctx)) refuse(REFUSAL.INVALID_INPUT, 'Hạn mới không được ở quá khứ.');
    }
    if (i.decision === 'refuse') requireText(i.comment, 'Không đồng ý gia hạn cần ghi lý do.');
  },
  apply(m, i: DecideExtensionInput, _ctx, emit) {
    const pending = m.extensions.pending!;
    m.extensions.pending = null;
    if (i.decision === 'refuse') {
      emit('EXTENSION_REFUSED', stay(m), { requestedDueOn: pending.requestedDueOn, comment: i.comment?.trim() ?? null, ...signature(i.actor) });
    } else {
      const granted = i.decision === 'grant' ? pending.requestedDueOn : i.newDueOn!;
      const before = m.dueOn;
      m.extensions.granted += 1;
      setDue(m, granted);
      emit('EXTENSION_GRANTED', stay(m), {
        requestedDueOn: pending.requestedDueOn,
        previousDueOn: before,
        newDueOn: granted,
        otherDate: i.decision === 'grant_other_date',
        comment: i.comment?.trim() ?? null,
        ...signature(i.actor),
      });
    }
  },
  events: {
    EXTENSION_GRANTED: { recipients: ['leadUnitHead', 'leadUnitOfficer'] },
    EXTENSION_REFUSED: { recipients: ['leadUnitHead', 'leadUnitOfficer'] },
  },
  example: () => ({ decision: 'grant' as const }),
});
