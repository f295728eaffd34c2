import { ReturnInput } from '../task-lifecycle.contract';
import { isLeaderFor, isoInstant, permit, requireState, requireText, signature, transition } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const returnAction = defineAction({
  name: 'return',
  route: 'return',
  label: 'Trả lại',
  who: 'Giám đốc hoặc Phó Giám đốc phụ trách đơn vị chủ trì, khi nhiệm vụ chờ phê duyệt, kèm ý kiến chỉ đạo.',
  fields: { comment: field.text({ description: 'Ý kiến chỉ đạo' }) },
  allowed(m, actor) {
    permit(isLeaderFor(m, actor), 'Chỉ Giám đốc hoặc Phó Giám đốc phụ trách đơn vị chủ trì được trả lại.');
    requireState(m, ['AWAITING_APPROVAL'], 'trả lại');
  },
  check(m, i: ReturnInput, ctx) {
    this.allowed(m, i.actor, ctx);
    requireText(i.comment, 'Trả lại cần ghi ý kiến chỉ đạo.');
  },
  apply(m, i: ReturnInput, ctx, emit) {
    m.submission = null;
    const signed = signature(i.actor);
    m.instruction = {
      kind: 'returned',
      byUserId: i.actor.userId,
      byName: i.actor.displayName ?? null,
      signedAs: (signed.signedAs as string | null) ?? null,
      onBehalfOfUserId: i.actor.onBehalfOfUserId ?? null,
      at: isoInstant(ctx),
      text: i.comment.trim(),
    };
    emit('RETURNED', transition(m, 'DRAFTING'), { comment: i.comment.trim(), ...signature(i.actor) });
  },
  events: { RETURNED: { recipients: ['leadUnitOfficer', 'leadUnitHead'] } },
  example: () => ({ comment: 'Bổ sung số liệu' }),
});
