import { ApproveInput } from '../task-lifecycle.contract';
import { isLeaderFor, openMilestone, permit, requireState, signature, todayOf, transition } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const approve = defineAction({
  name: 'approve',
  route: 'approve',
  label: 'Phê duyệt',
  who: 'Giám đốc, Phó Giám đốc phụ trách đơn vị chủ trì, hoặc Phó Giám đốc ký thay (KT.) Giám đốc, khi nhiệm vụ chờ phê duyệt.',
  fields: { comment: field.text({ optional: true }) },
  allowed(m, actor) {
    permit(isLeaderFor(m, actor), 'Chỉ Giám đốc hoặc Phó Giám đốc phụ trách đơn vị chủ trì được phê duyệt.');
    requireState(m, ['AWAITING_APPROVAL'], 'phê duyệt');
  },
  check(m, i: ApproveInput, ctx) {
    this.allowed(m, i.actor, ctx);
  },
  apply(m, i: ApproveInput, ctx, emit) {
    const today = todayOf(ctx);
    const milestone = m.milestones[m.current];
    milestone.state = 'DONE';
    milestone.completedOn = today;
    const payload = { comment: i.comment?.trim() || null, milestone: m.current, milestoneLabel: milestone.label, dueOn: m.dueOn, ...signature(i.actor) };
    m.submission = null;
    m.lastReview = null;
    if (m.current + 1 < m.milestones.length) {
      const from = m.state;
      openMilestone(m, m.current + 1);
      m.draft = { text: '', attachments: [], progressPercent: 0, updatedBy: null, updatedAt: null };
      m.extensions.pending = null;
      emit('MILESTONE_APPROVED', { fromState: from, toState: m.state }, { ...payload, nextMilestone: m.current, nextDueOn: m.dueOn });
    } else {
      m.completedOn = today;
      m.extensions.pending = null;
      emit('APPROVED', transition(m, 'COMPLETED'), { ...payload, completedOn: today, onTime: !m.dueOn || today <= m.dueOn });
    }
  },
  events: {
    APPROVED: { recipients: ['leadUnitHead', 'leadUnitOfficer', 'monitor'] },
    MILESTONE_APPROVED: { recipients: ['leadUnitHead', 'leadUnitOfficer', 'monitor'] },
  },
  example: () => ({}),
});
