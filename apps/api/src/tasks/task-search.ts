import { STATUS_WORDS } from '@app/domain';
import type { TaskSummaryRow } from '@app/persistence';
import { STATE_LABELS } from './task-labels';
import type { TaskSummaryDto } from './task.dto';

/**
 * A task listing's row as the API answers it. The pieces of the listings' SQL (summary columns,
 * filters, sort orders and keyset cursors) live with the statements, in libs/persistence
 * (repositories/task-search.sql.ts); re-exported here for the API's modules that name them.
 */
export {
  ACTIVE_STATES,
  decodeTaskCursor,
  effectiveDueSql,
  filterSql,
  liveStatusWordSql,
  nextCursorOf,
  overdueSql,
  pageSql,
  searchTokens,
  sentBackSql,
  statusWordFilterSql,
  summarySelectSql,
  TASK_SORTS,
  workingDueSql,
  type TaskFilters,
  type TaskSort,
} from '@app/persistence';

export function toSummary(r: TaskSummaryRow): TaskSummaryDto {
  const statusWord = r.status_word;
  const waitingOn = r.waiting_on ?? {};
  const dueOn = r.due_on ?? null;
  const extendedDueOn = r.extended_due_on ?? null;
  return {
    id: r.id,
    workflowId: r.workflow_id,
    planId: r.plan_id ?? null,
    sectionId: r.section_id ?? null,
    sectionCode: r.section_code ?? null,
    parentTaskId: r.parent_task_id ?? null,
    rowKey: r.row_key ?? null,
    title: r.title,
    isGroup: r.is_group === true,
    ownerUnitId: r.owner_unit_id ?? null,
    ownerUnitCode: r.owner_unit_code ?? null,
    ownerUnitName: r.owner_unit_name ?? null,
    state: r.state,
    stateLabel: STATE_LABELS[r.state] ?? r.state,
    statusWord,
    statusLabel: (STATUS_WORDS as Record<string, string>)[statusWord] ?? statusWord,
    dueOn,
    extendedDueOn,
    effectiveDueOn: extendedDueOn ?? dueOn,
    workingDueOn: r.working_due_on ?? null,
    completedOn: r.completed_on ?? null,
    progressPercent: Number(r.progress_percent ?? 0),
    waitingOn: { kind: waitingOn.kind ?? 'nobody', unitIds: waitingOn.unitIds ?? [], text: waitingOn.text ?? '' },
    version: r.version,
    lastActivityAt: new Date(r.last_activity_at).toISOString(),
    sentBack: r.sent_back === 'returned' || r.sent_back === 'disagreed' ? r.sent_back : null,
  };
}
