import { REFUSAL, ReassignInput } from '../task-lifecycle.contract';
import { isLeaderFor, permit, refuse, requireDate, requireText, setDue, signature, stay, transition, validUnits } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const reassign = defineAction({
  name: 'reassign',
  route: 'reassign',
  label: 'Giao lại cho đơn vị khác',
  who: 'Giám đốc hoặc Phó Giám đốc phụ trách đơn vị chủ trì, ở mọi trạng thái còn mở, kèm lý do.',
  fields: {
    unitCode: field.unitCode({ as: 'unit', example: 'CCHC', description: 'Mã đơn vị nhận nhiệm vụ' }),
    reason: field.text(),
    newDueOn: field.date({ optional: true, description: 'Hạn mới của nhiệm vụ' }),
  },
  allowed(m, actor) {
    permit(isLeaderFor(m, actor), 'Chỉ lãnh đạo phụ trách được giao lại nhiệm vụ cho đơn vị khác.');
  },
  check(m, i: ReassignInput, ctx) {
    this.allowed(m, i.actor, ctx);
    const [unit] = validUnits([i.unit]);
    if (unit.unitId === m.ownerUnitId) refuse(REFUSAL.INVALID_INPUT, 'Nhiệm vụ đang do chính đơn vị này chủ trì.');
    requireText(i.reason, 'Cần nêu lý do giao lại.');
    if (i.newDueOn !== undefined) requireDate(i.newDueOn, 'Hạn mới');
  },
  apply(m, i: ReassignInput, _ctx, emit) {
    const before = { unitId: m.ownerUnitId, unitCode: m.ownerUnitCode };
    m.ownerUnitId = i.unit.unitId;
    m.ownerUnitCode = i.unit.unitCode;
    m.coordinating = m.coordinating.filter((u) => u.unitId !== i.unit.unitId);
    m.review = null;
    m.submission = null;
    m.extensions.pending = null;
    // The officer was of the unit the task leaves.
    if (m.assignee) m.assignee = null;
    // A new assignment with a new deadline: the plan date of the task, not an extension.
    if (i.newDueOn) {
      setDue(m, i.newDueOn);
      m.originalDueOn = i.newDueOn;
    }
    const states = m.state === 'IN_REVIEW' || m.state === 'AWAITING_APPROVAL' ? transition(m, 'DRAFTING') : stay(m);
    emit('REASSIGNED', states, { from: before, to: i.unit, reason: i.reason.trim(), newDueOn: i.newDueOn ?? null, ...signature(i.actor) });
  },
  // The new lead unit (the task's after the event) and the one it was taken from.
  events: { REASSIGNED: { recipients: ['leadUnitHead', 'leadUnitOfficer', 'previousLeadUnitHead'] } },
  example: () => ({ unit: { unitId: '00000000-0000-4000-8000-00000000000f', unitCode: 'KHAC' }, reason: 'Điều chỉnh phân công' }),
});
