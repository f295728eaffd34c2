import { diffPlanRows, PlanRowContent, StoredPlanRow } from './plan-diff';

const row = (rowKey: string, title: string, more: Partial<PlanRowContent> = {}): PlanRowContent => ({
  rowKey,
  title,
  lead: 'Văn phòng Sở',
  coordinating: 'Phòng CCVC',
  timeline: 'Tháng 12/2023',
  ...more,
});
const stored = (r: PlanRowContent): StoredPlanRow => ({ ...r, taskId: `task-${r.rowKey}`, state: 'DRAFTING', statusWord: 'OPEN_ON_TIME' });

describe('diffPlanRows', () => {
  const before = [row('I.1', 'Ban hành kế hoạch CCHC'), row('I.2', 'Kiểm tra công tác CCHC'), row('II.1', 'Rà soát văn bản'), row('II.2', 'Tuyên truyền CCHC')];
  const sut = (incoming: PlanRowContent[], base = before) => diffPlanRows(base.map(stored), incoming);

  it('finds nothing to do in the same rows (whitespace and Unicode form aside)', () => {
    const same = before.map((r) => ({ ...r, title: ` ${r.title.normalize('NFD')}  ` }));
    expect(sut(same)).toEqual({ unchanged: ['I.1', 'I.2', 'II.1', 'II.2'], added: [], removed: [], changed: [], moved: [] });
  });

  it('reports an edited title, lead, coordinating units and timeline under the same key', () => {
    const diff = sut([
      row('I.1', 'Ban hành kế hoạch cải cách hành chính'),
      row('I.2', 'Kiểm tra công tác CCHC', { lead: 'Thanh tra Sở', timeline: 'Quý II/2023' }),
      before[2],
      before[3],
    ]);
    expect(diff.changed).toEqual([
      { rowKey: 'I.1', taskId: 'task-I.1', title: 'Ban hành kế hoạch CCHC', changes: [{ field: 'title', before: 'Ban hành kế hoạch CCHC', after: 'Ban hành kế hoạch cải cách hành chính' }] },
      {
        rowKey: 'I.2',
        taskId: 'task-I.2',
        title: 'Kiểm tra công tác CCHC',
        changes: [
          { field: 'lead', before: 'Văn phòng Sở', after: 'Thanh tra Sở' },
          { field: 'timeline', before: 'Tháng 12/2023', after: 'Quý II/2023' },
        ],
      },
    ]);
    expect(diff).toMatchObject({ unchanged: ['II.1', 'II.2'], added: [], removed: [], moved: [] });
  });

  it('reports a row added at the end of a section as importable and a dropped last row as removed', () => {
    const diff = sut([before[0], before[1], before[2], row('II.3', 'Số hóa hồ sơ')]);
    expect(diff.added).toEqual([{ ...row('II.3', 'Số hóa hồ sơ'), importable: true }]);
    expect(diff.removed).toEqual([stored(before[3])]);
    expect(diff.changed).toEqual([]);
  });

  it('recognizes rows renumbered by an inserted row: they moved, the new row cannot take a stored key', () => {
    const diff = sut([before[0], row('I.2', 'Họp giao ban CCHC'), row('I.3', 'Kiểm tra công tác CCHC'), before[2], before[3]]);
    expect(diff.moved).toEqual([{ from: 'I.2', to: 'I.3', taskId: 'task-I.2', title: 'Kiểm tra công tác CCHC', changes: [] }]);
    expect(diff.added).toEqual([{ ...row('I.2', 'Họp giao ban CCHC'), importable: false }]);
    expect(diff).toMatchObject({ unchanged: ['I.1', 'II.1', 'II.2'], removed: [], changed: [] });
  });

  it('recognizes rows renumbered by a removed row: the removed one is reported, the others moved', () => {
    const base = [...before, row('II.3', 'Số hóa hồ sơ')];
    const diff = sut([before[0], before[1], row('II.1', 'Tuyên truyền CCHC'), row('II.2', 'Số hóa hồ sơ', { timeline: 'Quý IV/2023' })], base);
    expect(diff.removed.map((r) => r.rowKey)).toEqual(['II.1']);
    expect(diff.moved).toEqual([
      { from: 'II.2', to: 'II.1', taskId: 'task-II.2', title: 'Tuyên truyền CCHC', changes: [] },
      { from: 'II.3', to: 'II.2', taskId: 'task-II.3', title: 'Số hóa hồ sơ', changes: [{ field: 'timeline', before: 'Tháng 12/2023', after: 'Quý IV/2023' }] },
    ]);
    expect(diff).toMatchObject({ unchanged: ['I.1', 'I.2'], added: [], changed: [] });
  });

  it('does not match by title when the title is ambiguous: the rows show as removed and added', () => {
    const base = [row('I.1', 'Báo cáo'), row('I.2', 'Báo cáo'), row('I.3', 'Kiểm tra')];
    const diff = sut([row('I.4', 'Báo cáo'), row('I.5', 'Báo cáo'), row('I.3', 'Kiểm tra')], base);
    expect(diff.added).toEqual([
      { ...row('I.4', 'Báo cáo'), importable: true },
      { ...row('I.5', 'Báo cáo'), importable: true },
    ]);
    expect(diff.removed.map((r) => r.rowKey)).toEqual(['I.1', 'I.2']);
    expect(diff).toMatchObject({ unchanged: ['I.3'], changed: [], moved: [] });
  });
});
