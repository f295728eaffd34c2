import { NameCoordinatingUnitsInput, REFUSAL } from '../task-lifecycle.contract';
import { isLeaderFor, isOwnerHead, permit, refuse, requireState, stay, validUnits } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const nameCoordinatingUnits = defineAction({
  name: 'nameCoordinatingUnits',
  route: 'name-coordinating-units',
  label: 'Chọn đơn vị phối hợp',
  who: 'Trưởng đơn vị chủ trì khi đang dự thảo; lãnh đạo phụ trách ở mọi trạng thái trừ khi đang lấy ý kiến phối hợp.',
  fields: {
    unitCodes: field.unitCodes({ as: 'units', example: ['CCHC', 'TCBC'], description: 'Mã các đơn vị phối hợp; danh sách rỗng: không cần đơn vị phối hợp' }),
  },
  allowed(m, actor) {
    const asHead = isOwnerHead(m, actor) && m.state === 'DRAFTING';
    const asLeader = isLeaderFor(m, actor) && m.state !== 'IN_REVIEW';
    if (!asHead && !asLeader) {
      permit(isOwnerHead(m, actor) || isLeaderFor(m, actor), 'Chỉ trưởng đơn vị chủ trì hoặc lãnh đạo phụ trách được chọn đơn vị phối hợp.');
      requireState(m, ['DRAFTING'], 'thay đổi đơn vị phối hợp');
    }
  },
  check(m, i: NameCoordinatingUnitsInput, ctx) {
    this.allowed(m, i.actor, ctx);
    const units = validUnits(i.units);
    if (units.some((u) => u.unitId === m.ownerUnitId)) refuse(REFUSAL.INVALID_INPUT, 'Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp.');
    if (new Set(units.map((u) => u.unitId)).size !== units.length) refuse(REFUSAL.INVALID_INPUT, 'Danh sách đơn vị phối hợp bị trùng.');
  },
  apply(m, i: NameCoordinatingUnitsInput, _ctx, emit) {
    const before = m.coordinating.map((u) => u.unitCode);
    m.coordinating = i.units.map((u) => ({ unitId: u.unitId, unitCode: u.unitCode }));
    m.coordinatingToBeNamed = false;
    emit('COORDINATING_UNITS_NAMED', stay(m), { before, after: m.coordinating.map((u) => u.unitCode) });
  },
  events: { COORDINATING_UNITS_NAMED: { recipients: [] } },
  example: () => ({ units: [] }),
});
