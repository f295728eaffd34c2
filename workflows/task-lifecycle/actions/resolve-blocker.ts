import { REFUSAL, ResolveBlockerInput } from '../task-lifecycle.contract';
import { isLeaderFor, isMonitor, isoInstant, permit, refuse, requireText, stay } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const resolveBlocker = defineAction({
  name: 'resolveBlocker',
  route: 'resolve-blocker',
  label: 'Xử lý vướng mắc',
  who: 'Bộ phận theo dõi, Giám đốc hoặc Phó Giám đốc phụ trách, khi có vướng mắc đang mở.',
  fields: {
    blockerId: field.text({ maxLength: 300, description: 'id của vướng mắc (workflow.blockers[].id)' }),
    resolution: field.text(),
  },
  allowed(m, actor) {
    permit(isMonitor(actor) || isLeaderFor(m, actor), 'Chỉ bộ phận theo dõi hoặc lãnh đạo phụ trách được xử lý vướng mắc.');
    if (!m.blockers.some((b) => !b.resolvedAt)) refuse(REFUSAL.BLOCKER_NOT_FOUND, 'Không có vướng mắc nào đang mở.');
  },
  check(m, i: ResolveBlockerInput) {
    permit(isMonitor(i.actor) || isLeaderFor(m, i.actor), 'Chỉ bộ phận theo dõi hoặc lãnh đạo phụ trách được xử lý vướng mắc.');
    const b = m.blockers.find((x) => x.id === i.blockerId);
    if (!b || b.resolvedAt) refuse(REFUSAL.BLOCKER_NOT_FOUND, 'Không tìm thấy vướng mắc đang mở này.');
    requireText(i.resolution, 'Cần ghi hướng xử lý vướng mắc.');
  },
  apply(m, i: ResolveBlockerInput, ctx, emit) {
    const b = m.blockers.find((x) => x.id === i.blockerId)!;
    Object.assign(b, { resolution: i.resolution.trim(), resolvedBy: i.actor.userId, resolvedAt: isoInstant(ctx) });
    emit('BLOCKER_RESOLVED', stay(m), { blockerId: b.id, resolution: b.resolution });
  },
  events: { BLOCKER_RESOLVED: { recipients: ['leadUnitHead', 'leadUnitOfficer'] } },
  example: (m) => ({ blockerId: m.blockers.find((b) => !b.resolvedAt)?.id ?? 'none', resolution: 'Đã bố trí kinh phí' }),
});
