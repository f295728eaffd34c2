import { AssignInput, REFUSAL } from '../task-lifecycle.contract';
import { isLeaderFor, isOwnerHead, permit, refuse, signature, stay } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

/** What a note of an assignment may hold. */
export const MAX_ASSIGN_NOTE = 2_000;

/**
 * Giao cho cán bộ: the lead unit's head (or leadership in charge) gives the task to a named officer
 * of the lead unit, or gives it to another one. The API resolved the person in Postgres (active, an
 * officer of the unit) and passes that ref; the workflow checks it is of the task's lead unit now.
 */
export const assign = defineAction({
  name: 'assign',
  route: 'assign',
  label: 'Giao cho cán bộ',
  who: 'Trưởng đơn vị chủ trì, hoặc Giám đốc, Phó Giám đốc phụ trách, khi nhiệm vụ còn mở; người được giao là cán bộ đang làm việc của đơn vị chủ trì.',
  fields: {
    assigneeUserId: field.officer({ as: 'assignee', description: 'Cán bộ được giao: người đang làm việc của đơn vị chủ trì (GET /units/:code/people)' }),
    note: field.text({ optional: true, maxLength: MAX_ASSIGN_NOTE, description: 'Ghi chú giao việc (tối đa 2.000 ký tự)' }),
  },
  allowed(m, actor) {
    permit(isOwnerHead(m, actor) || isLeaderFor(m, actor), 'Chỉ trưởng đơn vị chủ trì hoặc lãnh đạo phụ trách được giao nhiệm vụ cho cán bộ.');
    if (!m.ownerUnitId) refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ chưa có đơn vị chủ trì để giao cho cán bộ.');
  },
  check(m, i: AssignInput, ctx) {
    this.allowed(m, i.actor, ctx);
    const a = i.assignee;
    if (!a || typeof a.userId !== 'string' || typeof a.unitId !== 'string' || typeof a.fullName !== 'string') {
      refuse(REFUSAL.ASSIGNEE_INVALID, 'Cần chọn cán bộ được giao.');
    }
    if (a.unitId !== m.ownerUnitId) refuse(REFUSAL.ASSIGNEE_INVALID, 'Người được giao không phải cán bộ của đơn vị chủ trì nhiệm vụ.');
    if (m.assignee?.userId === a.userId) refuse(REFUSAL.INVALID_INPUT, 'Nhiệm vụ đang được giao cho chính cán bộ này.');
    if (i.note !== undefined && i.note !== null && (typeof i.note !== 'string' || i.note.length > MAX_ASSIGN_NOTE)) {
      refuse(REFUSAL.INVALID_INPUT, `Ghi chú giao việc tối đa ${MAX_ASSIGN_NOTE.toLocaleString('vi-VN')} ký tự.`);
    }
  },
  apply(m, i: AssignInput, _ctx, emit) {
    const previous = m.assignee?.userId ?? null;
    const note = i.note?.trim() || null;
    m.assignee = { userId: i.assignee.userId, unitId: i.assignee.unitId, fullName: i.assignee.fullName, assignedBy: i.actor.userId, note };
    emit('ASSIGNED', stay(m), {
      assigneeUserId: i.assignee.userId,
      assigneeName: i.assignee.fullName,
      previousAssigneeUserId: previous,
      note,
      signedAs: signature(i.actor).signedAs as string | null,
    });
  },
  // The officer given the task, and the one it was taken from.
  events: { ASSIGNED: { recipients: ['assignee', 'previousAssignee'] } },
  example: (m) => ({ assignee: { userId: '00000000-0000-4000-8000-0000000000a1', unitId: m.ownerUnitId ?? '', fullName: 'Cán bộ được giao' }, note: 'Đồng chí chủ động thực hiện' }),
});
