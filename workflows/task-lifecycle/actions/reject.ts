import { RejectInput } from '../task-lifecycle.contract';
import { isLeaderFor, permit, requireState, requireText, signature, transition } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const reject = defineAction({
  name: 'reject',
  route: 'reject',
  label: 'Từ chối',
  who: 'Giám đốc hoặc Phó Giám đốc phụ trách đơn vị chủ trì, khi nhiệm vụ chờ phê duyệt, kèm lý do.',
  fields: { reason: field.text({ label: 'Lý do từ chối', description: 'Nhiệm vụ kết thúc, không thực hiện; lý do được báo cho đơn vị chủ trì và bộ phận theo dõi' }) },
  allowed(m, actor) {
    permit(isLeaderFor(m, actor), 'Chỉ Giám đốc hoặc Phó Giám đốc phụ trách đơn vị chủ trì được từ chối.');
    requireState(m, ['AWAITING_APPROVAL'], 'từ chối');
  },
  check(m, i: RejectInput, ctx) {
    this.allowed(m, i.actor, ctx);
    requireText(i.reason, 'Cần nêu lý do từ chối.');
  },
  apply(m, i: RejectInput, _ctx, emit) {
    m.extensions.pending = null;
    emit('REJECTED', transition(m, 'CANCELLED'), { reason: i.reason.trim(), ...signature(i.actor) });
  },
  events: { REJECTED: { recipients: ['leadUnitHead', 'leadUnitOfficer', 'monitor'] } },
  example: () => ({ reason: 'Không còn phù hợp' }),
});
