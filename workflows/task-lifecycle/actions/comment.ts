import { CommentInput } from '../task-lifecycle.contract';
import { isInvolved, permit, requireText, stay } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const comment = defineAction({
  name: 'comment',
  route: 'comment',
  label: 'Gửi ý kiến',
  who: 'Người tham gia nhiệm vụ: đơn vị chủ trì, đơn vị phối hợp, lãnh đạo phụ trách (kể cả của đơn vị phối hợp), bộ phận theo dõi.',
  fields: { text: field.text({ maxLength: 5000 }) },
  allowed(m, actor) {
    permit(isInvolved(m, actor), 'Bạn không tham gia nhiệm vụ này.');
  },
  check(m, i: CommentInput, ctx) {
    requireText(i.text, 'Nội dung ý kiến không được để trống.', 5000);
    this.allowed(m, i.actor, ctx);
  },
  apply(m, i: CommentInput, _ctx, emit) {
    m.commentCount += 1;
    emit('COMMENTED', stay(m), { text: i.text.trim() });
  },
  events: { COMMENTED: { recipients: [] } },
  example: () => ({ text: 'Ý kiến' }),
});
