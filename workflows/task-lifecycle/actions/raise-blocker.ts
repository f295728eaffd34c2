import { RaiseBlockerInput } from '../task-lifecycle.contract';
import type { BlockerView } from '../task-lifecycle.contract';
import { isOwnerHead, isoInstant, permit, requireText, stay } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const raiseBlocker = defineAction({
  name: 'raiseBlocker',
  route: 'raise-blocker',
  label: 'Báo cáo vướng mắc',
  who: 'Trưởng đơn vị chủ trì, ở mọi trạng thái còn mở.',
  fields: { text: field.text({ description: 'Khó khăn, vướng mắc' }) },
  allowed(m, actor) {
    permit(isOwnerHead(m, actor), 'Chỉ trưởng đơn vị chủ trì được báo cáo vướng mắc.');
  },
  check(m, i: RaiseBlockerInput, ctx) {
    this.allowed(m, i.actor, ctx);
    requireText(i.text, 'Cần mô tả vướng mắc.');
  },
  apply(m, i: RaiseBlockerInput, ctx, emit) {
    const blocker: BlockerView = { id: i.idempotencyKey, text: i.text.trim(), raisedBy: i.actor.userId, raisedAt: isoInstant(ctx), resolution: null, resolvedBy: null, resolvedAt: null };
    m.blockers.push(blocker);
    emit('BLOCKER_RAISED', stay(m), { blockerId: blocker.id, text: blocker.text, notify: raiseBlocker.events.BLOCKER_RAISED.recipients });
  },
  events: { BLOCKER_RAISED: { recipients: ['monitor', 'deputyInCharge'] } },
  example: () => ({ text: 'Thiếu kinh phí' }),
});
