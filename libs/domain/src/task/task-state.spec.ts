import { statusWordOf } from './task-state';

describe('statusWordOf', () => {
  const today = '2023-03-01';
  it.each([
    [{ state: 'DRAFTING', dueOn: '2023-02-28', today }, 'OPEN_OVERDUE'],
    [{ state: 'IN_REVIEW', dueOn: '2023-03-01', today }, 'OPEN_ON_TIME'],
    [{ state: 'AWAITING_APPROVAL', dueOn: null, today }, 'OPEN_ON_TIME'],
    [{ state: 'COMPLETED', dueOn: '2023-02-28', today, completedOn: '2023-02-28' }, 'DONE_ON_TIME'],
    [{ state: 'COMPLETED', dueOn: '2023-02-28', today, completedOn: '2023-03-01' }, 'DONE_LATE'],
    [{ state: 'PENDING_TRIGGER', dueOn: null, today }, 'WAITING'],
    [{ state: 'CANCELLED', dueOn: '2023-01-01', today }, 'CANCELLED'],
  ] as const)('%j → %s', (input, expected) => {
    expect(statusWordOf(input)).toBe(expected);
  });
});
