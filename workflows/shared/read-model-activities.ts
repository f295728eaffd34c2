import { proxyActivities } from '@temporalio/workflow';
import type { TaskActivities } from '../task-lifecycle/task-lifecycle.contract';

/**
 * The read-model activity as the task workflows call it. The read model must eventually see every
 * transition: retry for as long as it takes (Postgres down for an hour is an outage, not a reason
 * to lose an audit event). The legacy slice keeps its own identical copy on purpose (frozen code).
 */
export const { recordTaskEvent } = proxyActivities<TaskActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
