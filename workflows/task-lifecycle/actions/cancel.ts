import { CancelInput } from '../task-lifecycle.contract';
import { isLeaderFor, permit, requireText, signature, transition } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const cancel = defineAction({
  name: 'cancel',
  route: 'cancel',
  label: 'Hủy nhiệm vụ',
  who: 'Giám đốc hoặc Phó Giám đốc phụ trách đơn vị chủ trì, ở mọi trạng thái còn mở, kèm lý do.',
  fields: { reason: field.text() },
  allowed(m, actor) {
    permit(isLeaderFor(m, actor), 'Chỉ lãnh đạo Sở được hủy nhiệm vụ.');
  },
  check(m, i: CancelInput, ctx) {
    this.allowed(m, i.actor, ctx);
    requireText(i.reason, 'Cần nêu lý do hủy nhiệm vụ.');
  },
  apply(m, i: CancelInput, _ctx, emit) {
    m.review = null;
    m.extensions.pending = null;
    emit('CANCELLED', transition(m, 'CANCELLED'), { reason: i.reason.trim(), ...signature(i.actor) });
  },
  events: { CANCELLED: { recipients: ['leadUnitHead', 'leadUnitOfficer', 'monitor'] } },
  example: () => ({ reason: 'Không còn phù hợp' }),
});
