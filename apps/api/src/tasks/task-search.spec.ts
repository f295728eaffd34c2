import type { TaskSummaryRow } from '@app/persistence';
import { toSummary } from './task-search';

const ID = '7d0f8a9e-1111-4a4a-8a8a-000000000000';

/** A listing's row (repositories/task-search.sql.ts summarySelectSql) with the given columns, the others empty. */
function summaryRow(given: Partial<TaskSummaryRow> & Pick<TaskSummaryRow, 'id' | 'workflow_id' | 'title' | 'state' | 'status_word' | 'version' | 'last_activity_at'>): TaskSummaryRow {
  return {
    plan_id: null,
    section_id: null,
    section_code: null,
    parent_task_id: null,
    row_key: null,
    owner_unit_id: null,
    owner_unit_code: null,
    owner_unit_name: null,
    due_on: null,
    extended_due_on: null,
    working_due_on: null,
    completed_on: null,
    progress_percent: null,
    waiting_on: null,
    is_group: false,
    sent_back: null,
    created_key: '',
    activity_key: '',
    due_key: '',
    ...given,
  };
}

describe('task summary', () => {
  it('summarizes a row with the Vietnamese words beside the codes and the deadline in force', () => {
    const s = toSummary(summaryRow({
      id: ID,
      workflow_id: 'wf',
      title: 'Rà soát',
      state: 'IN_REVIEW',
      status_word: 'OPEN_OVERDUE',
      due_on: '2026-02-28',
      extended_due_on: '2026-03-10',
      version: 4,
      last_activity_at: '2026-03-01T00:00:00Z',
      waiting_on: { kind: 'reviewers', unitIds: [ID], text: 'Chờ ý kiến phối hợp' },
      is_group: false,
    }));
    expect(s).toMatchObject({
      stateLabel: 'Đang lấy ý kiến phối hợp',
      statusLabel: 'Đang thực hiện quá hạn',
      effectiveDueOn: '2026-03-10',
      waitingOn: { kind: 'reviewers', text: 'Chờ ý kiến phối hợp' },
      isGroup: false,
      sentBack: null,
    });
  });

  it('says why a task is back with its lead unit (sentBack), and nothing for any other value', () => {
    const row = { id: ID, workflow_id: 'wf', title: 'Rà soát', state: 'DRAFTING', status_word: 'OPEN_ON_TIME', version: 2, last_activity_at: '2026-03-01T00:00:00Z' };
    expect(toSummary(summaryRow({ ...row, sent_back: 'returned' })).sentBack).toBe('returned');
    expect(toSummary(summaryRow({ ...row, sent_back: 'disagreed' })).sentBack).toBe('disagreed');
    expect(toSummary(summaryRow({ ...row, sent_back: 'something-else' })).sentBack).toBeNull();
    expect(toSummary(summaryRow(row)).sentBack).toBeNull();
  });
});
