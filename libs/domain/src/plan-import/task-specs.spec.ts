import type { Milestone } from '../timeline/timeline.types';
import { DEMO_ORG } from '../units/demo-org';
import { resolveUnitCell } from '../units/unit-resolver';
import type { ParsedTask } from './plan-parser';
import {
  groupChildWorkflowId,
  planRowWorkflowId,
  planTaskScheduleOf,
  PlanTaskSpec,
  planTaskSpecs,
} from './task-specs';

const PLAN_ID = '6f1c2a4e-0000-4000-8000-000000000001';

const deadline = (due: string, label = ''): Milestone => ({
  label,
  kind: 'deadline',
  due,
  start: null,
  until: null,
  trigger: null,
  recurrence: null,
  source: due,
});

const event = (trigger: string): Milestone => ({
  label: '',
  kind: 'event',
  due: null,
  start: null,
  until: null,
  trigger,
  recurrence: null,
  source: trigger,
});

/** A row whose unit cells are read by the real resolver over the demo directory. */
function row(section: string, ordinal: string, lead: string, coordinating: string, milestones: Milestone[] = [deadline('2023-03-31')]): ParsedTask {
  const leadRefs = resolveUnitCell(lead, DEMO_ORG);
  const coordinatingRefs = resolveUnitCell(coordinating, DEMO_ORG);
  if (leadRefs.unknown.length || coordinatingRefs.unknown.length) throw new Error(`unknown unit in "${lead}" / "${coordinating}"`);
  return {
    section,
    ordinal,
    title: `Nhiệm vụ ${section}.${ordinal}`,
    lead: leadRefs.refs,
    coordinating: coordinatingRefs.refs,
    timeline: 'Tháng 3/2023',
    milestones,
    note: '',
  };
}

const specsOf = (...tasks: ParsedTask[]) => planTaskSpecs({ tasks }, DEMO_ORG, PLAN_ID);
const unitsOf = (spec: PlanTaskSpec) => spec.units.map((u) => `${u.role}:${u.code}${u.viaGroup ? `(${u.viaGroup})` : ''}`);
const ALL_CODES = DEMO_ORG.units.map((u) => u.code);

describe('workflow ids', () => {
  it('keeps the ids of existing histories and data: plan, section and STT; "_" for a row without section', () => {
    expect(planRowWorkflowId(PLAN_ID, 'II', '3')).toBe(`plan-${PLAN_ID}-row-II.3`);
    expect(planRowWorkflowId(PLAN_ID, '', '3')).toBe(`plan-${PLAN_ID}-row-_.3`);
    expect(groupChildWorkflowId(`plan-${PLAN_ID}-row-II.3`, 'VP')).toBe(`plan-${PLAN_ID}-row-II.3/VP`);
  });
});

describe('planTaskSpecs', () => {
  it('a row led by one unit: one task owned by it, its coordinating units, no unit tasks', () => {
    const [spec] = specsOf(row('I', '1', 'Phòng CCHC-VTLT', 'Văn phòng Sở, Thanh tra Sở'));
    expect(spec.groupLed).toBe(false);
    expect(spec.children).toEqual([]);
    expect(spec.parent).toMatchObject({
      rowKey: 'I.1',
      workflowId: `plan-${PLAN_ID}-row-I.1`,
      parentWorkflowId: null,
      ownerUnitCode: 'CCHC',
      dueOn: '2023-03-31',
      initialState: 'DRAFTING',
      duplicate: false,
    });
    expect(unitsOf(spec.parent)).toEqual(['lead:CCHC', 'coordinating:VP', 'coordinating:TTRA']);
    expect(spec.coordinating.map((u) => u.code)).toEqual(['VP', 'TTRA']);
    expect(spec.coordinatingToBeNamed).toBe(false);
  });

  it('a row led by "Các đơn vị thuộc, trực thuộc Sở": no owner, one task per unit of the directory under the row', () => {
    const [spec] = specsOf(row('I', '2', 'Các đơn vị thuộc, trực thuộc Sở', 'Văn phòng Sở'));
    expect(spec.groupLed).toBe(true);
    expect(spec.parent.ownerUnitCode).toBeNull();
    expect(unitsOf(spec.parent)).toEqual([...ALL_CODES.map((c) => `lead:${c}(ALL_UNITS)`), 'coordinating:VP']);
    expect(spec.children.map((c) => c.workflowId)).toEqual(ALL_CODES.map((c) => `plan-${PLAN_ID}-row-I.2/${c}`));
    expect(spec.children.map((c) => c.rowKey)).toEqual(ALL_CODES.map((c) => `I.2/${c}`));
    for (const child of spec.children) {
      expect(child).toMatchObject({ parentWorkflowId: `plan-${PLAN_ID}-row-I.2`, dueOn: '2023-03-31', initialState: 'DRAFTING', duplicate: false });
      expect(child.units[0]).toEqual({ code: child.ownerUnitCode, role: 'lead', viaGroup: 'ALL_UNITS' });
    }
    // Văn phòng Sở's own task: it does not coordinate itself; every other unit's task has it coordinating.
    const vp = spec.children.find((c) => c.ownerUnitCode === 'VP')!;
    expect(unitsOf(vp)).toEqual(['lead:VP(ALL_UNITS)']);
    const cchc = spec.children.find((c) => c.ownerUnitCode === 'CCHC')!;
    expect(unitsOf(cchc)).toEqual(['lead:CCHC(ALL_UNITS)', 'coordinating:VP']);
  });

  it('a row led by several named units is group-led too, one task per lead', () => {
    const [spec] = specsOf(row('II', '1', 'Văn phòng Sở, Phòng CCVC', 'Ban Tôn giáo'));
    expect(spec.groupLed).toBe(true);
    expect(spec.parent.ownerUnitCode).toBeNull();
    expect(spec.children.map((c) => [c.ownerUnitCode, unitsOf(c)])).toEqual([
      ['VP', ['lead:VP', 'coordinating:BTG']],
      ['CCVC', ['lead:CCVC', 'coordinating:BTG']],
    ]);
  });

  it('the lead unit is never its own coordinating unit ("all units" coordinating)', () => {
    const [spec] = specsOf(row('I', '3', 'Văn phòng Sở', 'Các đơn vị thuộc, trực thuộc Sở'));
    expect(spec.groupLed).toBe(false);
    expect(spec.parent.ownerUnitCode).toBe('VP');
    expect(unitsOf(spec.parent)).toEqual(['lead:VP', ...ALL_CODES.filter((c) => c !== 'VP').map((c) => `coordinating:${c}(ALL_UNITS)`)]);
    expect(spec.coordinating.map((u) => u.code)).not.toContain('VP');
  });

  it('affiliated units expand to the affiliated ones only; "các đơn vị có liên quan" are named later', () => {
    const [affiliated, relevant] = specsOf(
      row('I', '4', 'Phòng CCVC', 'các đơn vị trực thuộc Sở'),
      row('I', '5', 'Phòng CCVC', 'Các đơn vị có liên quan'),
    );
    expect(affiliated.coordinating.map((u) => u.code)).toEqual(DEMO_ORG.units.filter((u) => u.kind === 'affiliated').map((u) => u.code));
    expect(affiliated.coordinatingToBeNamed).toBe(false);
    expect(relevant.coordinating).toEqual([]);
    expect(unitsOf(relevant.parent)).toEqual(['lead:CCVC']);
    expect(relevant.coordinatingToBeNamed).toBe(true);
  });

  it('an event row waits for its trigger without a due date; a dated row is due on its first dated milestone', () => {
    const [eventRow, dated] = specsOf(
      row('III', '1', 'Thanh tra Sở', '', [event('Khi có văn bản của UBND tỉnh'), deadline('2023-06-30')]),
      row('III', '2', 'Thanh tra Sở', '', [{ ...event('x'), kind: 'ongoing', trigger: null }, deadline('2023-09-30'), deadline('2023-12-31')]),
    );
    expect(eventRow.parent).toMatchObject({ initialState: 'PENDING_TRIGGER', dueOn: null });
    expect(dated.parent).toMatchObject({ initialState: 'DRAFTING', dueOn: '2023-09-30' });
    expect(planTaskScheduleOf({ ...eventRow.parent.row, milestones: [] })).toEqual({ dueOn: null, initialState: 'DRAFTING' });
    expect(planTaskScheduleOf({ ...eventRow.parent.row, milestones: [{ ...event('y'), kind: 'external' }] })).toEqual({
      dueOn: null,
      initialState: 'PENDING_TRIGGER',
    });
  });

  it('a group-led event row: every unit task waits for the trigger too', () => {
    const [spec] = specsOf(row('III', '3', 'Văn phòng Sở, Thanh tra Sở', '', [event('Khi có yêu cầu')]));
    expect(spec.children.map((c) => [c.initialState, c.dueOn])).toEqual([
      ['PENDING_TRIGGER', null],
      ['PENDING_TRIGGER', null],
    ]);
  });

  it('a workflow id twice in one plan: the first row stores the task, the later one (and its unit tasks) shares it', () => {
    const specs = specsOf(
      row('I', '1', 'Văn phòng Sở, Phòng CCVC', ''),
      row('I', '2', 'Phòng CCVC', ''),
      row('I', '1', 'Văn phòng Sở, Phòng CCVC', ''),
    );
    expect(specs.map((s) => [s.parent.workflowId, s.parent.duplicate])).toEqual([
      [`plan-${PLAN_ID}-row-I.1`, false],
      [`plan-${PLAN_ID}-row-I.2`, false],
      [`plan-${PLAN_ID}-row-I.1`, true],
    ]);
    expect(specs[0].children.map((c) => c.duplicate)).toEqual([false, false]);
    expect(specs[2].children.map((c) => [c.workflowId, c.duplicate])).toEqual([
      [`plan-${PLAN_ID}-row-I.1/VP`, true],
      [`plan-${PLAN_ID}-row-I.1/CCVC`, true],
    ]);
  });

  it('keeps row order, and the row itself in every spec', () => {
    const tasks = [row('I', '1', 'Văn phòng Sở', ''), row('II', '1', 'Thanh tra Sở', ''), row('', '7', 'Phòng CCVC', '')];
    const specs = specsOf(...tasks);
    expect(specs.map((s) => s.parent.row)).toEqual(tasks);
    expect(specs.map((s) => s.parent.rowKey)).toEqual(['I.1', 'II.1', '.7']);
    expect(specs[2].parent.workflowId).toBe(`plan-${PLAN_ID}-row-_.7`);
  });
});
