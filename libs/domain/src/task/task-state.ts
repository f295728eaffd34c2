/**
 * States of a task's lifecycle (WORKFLOW.md). The workflow is the only writer; the read model
 * mirrors them for inboxes and reports.
 */
export const TASK_STATES = [
  'PENDING_TRIGGER',
  'DRAFTING',
  'IN_REVIEW',
  'AWAITING_APPROVAL',
  'COMPLETED',
  'CANCELLED',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const OPEN_TASK_STATES: readonly TaskState[] = ['PENDING_TRIGGER', 'DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL'];

export function isOpenState(state: TaskState): boolean {
  return OPEN_TASK_STATES.includes(state);
}

/** The status words users know from the national task-tracking systems (WORKFLOW.md). */
export const STATUS_WORDS = {
  OPEN_ON_TIME: 'Đang thực hiện trong hạn',
  OPEN_OVERDUE: 'Đang thực hiện quá hạn',
  DONE_ON_TIME: 'Hoàn thành đúng hạn',
  DONE_LATE: 'Hoàn thành quá hạn',
  WAITING: 'Chờ sự kiện',
  CANCELLED: 'Đã hủy',
  /** An event row whose event never came by the plan end (issue 16 item 7): neither done nor late, counted apart. */
  NOT_ARISEN: 'Không phát sinh',
} as const;
export type StatusWord = keyof typeof STATUS_WORDS;

/**
 * Computes the status word from the state and the (possibly extended) due date.
 * Dates are ISO calendar dates in Asia/Ho_Chi_Minh, so string comparison orders them.
 */
export function statusWordOf(input: {
  state: TaskState;
  dueOn: string | null;
  today: string;
  completedOn?: string | null;
  /** Closed at the plan end without its event (the workflow's outcome 'not-arisen'). */
  notArisen?: boolean;
}): StatusWord {
  const { state, dueOn, today, completedOn } = input;
  if (state === 'CANCELLED') return 'CANCELLED';
  if (state === 'PENDING_TRIGGER') return 'WAITING';
  if (state === 'COMPLETED' && input.notArisen) return 'NOT_ARISEN';
  if (state === 'COMPLETED') {
    if (!dueOn || !completedOn) return 'DONE_ON_TIME';
    return completedOn <= dueOn ? 'DONE_ON_TIME' : 'DONE_LATE';
  }
  if (dueOn && today > dueOn) return 'OPEN_OVERDUE';
  return 'OPEN_ON_TIME';
}

/**
 * One colour per status word on every screen and report (WORKFLOW.md): green done on time, amber
 * done late, blue open in time, red overdue, grey waiting, cancelled or not arisen. Hex RGB without `#`:
 * `colour` for marks and text, `tint` for a cell's background under black text.
 */
export const STATUS_WORD_COLOURS: Record<StatusWord, { colour: string; tint: string }> = {
  DONE_ON_TIME: { colour: '2E7D32', tint: 'C8E6C9' },
  DONE_LATE: { colour: 'EF8F00', tint: 'FFE0B2' },
  OPEN_ON_TIME: { colour: '1565C0', tint: 'BBDEFB' },
  OPEN_OVERDUE: { colour: 'C62828', tint: 'FFCDD2' },
  WAITING: { colour: '757575', tint: 'E0E0E0' },
  CANCELLED: { colour: '757575', tint: 'E0E0E0' },
  NOT_ARISEN: { colour: '616161', tint: 'EEEEEE' },
};
