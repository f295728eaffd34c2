import { REFUSAL, ReviewInput } from '../task-lifecycle.contract';
import type { TaskModel } from '../task-machine';
import { concludeReview, isoInstant, opinionAwaited, permit, refuse, requireState, requireText, stay } from '../task-machine';
import type { Actor } from '../task-lifecycle.contract';
import { defineAction } from './action';
import { field } from './fields';

function mineOf(m: TaskModel, actor: Actor) {
  requireState(m, ['IN_REVIEW'], 'cho ý kiến phối hợp');
  const mine = m.review!.opinions.find((o) => o.unitId === actor.unitId);
  if (!mine) refuse(REFUSAL.NOT_A_REVIEWER, 'Đơn vị của bạn không được lấy ý kiến về nhiệm vụ này.');
  permit(actor.roles.includes('unitHead'), 'Chỉ trưởng đơn vị phối hợp được cho ý kiến của đơn vị.');
  if (!opinionAwaited(mine)) refuse(REFUSAL.REVIEW_ALREADY_GIVEN, 'Đơn vị của bạn đã cho ý kiến ở vòng này.');
  return mine;
}

export const review = defineAction({
  name: 'review',
  route: 'review',
  label: 'Cho ý kiến phối hợp',
  who: 'Trưởng đơn vị phối hợp được lấy ý kiến, một lần mỗi vòng, khi nhiệm vụ đang lấy ý kiến phối hợp.',
  fields: {
    opinion: field.enum(['agree', 'agree_with_comments', 'disagree']),
    comment: field.text({ optional: true, description: 'Bắt buộc khi có góp ý hoặc không đồng ý' }),
  },
  allowed(m, actor) {
    mineOf(m, actor);
  },
  check(m, i: ReviewInput) {
    mineOf(m, i.actor);
    if (!['agree', 'agree_with_comments', 'disagree'].includes(i.opinion)) refuse(REFUSAL.INVALID_INPUT, 'Ý kiến phải là đồng ý, đồng ý có góp ý, hoặc không đồng ý.');
    if (i.opinion !== 'agree') requireText(i.comment, 'Cần ghi nội dung góp ý.');
  },
  apply(m, i: ReviewInput, ctx, emit, events) {
    const o = m.review!.opinions.find((x) => x.unitId === i.actor.unitId)!;
    Object.assign(o, { opinion: i.opinion, comment: i.comment?.trim() || null, byUserId: i.actor.userId, at: isoInstant(ctx), silent: false });
    emit('REVIEW_GIVEN', stay(m), { round: m.review!.round, unitCode: o.unitCode, opinion: i.opinion, comment: o.comment });
    if (m.review!.opinions.every((x) => x.opinion)) concludeReview(m, events, `review:${i.idempotencyKey}`);
  },
  events: {
    REVIEW_GIVEN: { recipients: ['leadUnitHead'] },
    // The last opinion concludes the round: on to the approver, or back to the lead unit.
    REVIEW_COMPLETED: { recipients: ['approver'] },
    REVIEW_RETURNED: { recipients: ['leadUnitHead', 'leadUnitOfficer'] },
  },
  example: () => ({ opinion: 'agree' as const }),
});
