import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { RecordEventInput, TaskActivities } from '../task-lifecycle/task-lifecycle.contract';

/**
 * Marks executions whose read-model writes run as local activities (in the worker that runs the
 * workflow task, recorded as a marker): an Update then answers in one workflow task instead of two
 * plus an activity task. Histories without the marker keep the regular activity.
 */
export const LOCAL_READ_MODEL_PATCH = 'read-model-local-activity-v1';

/**
 * The read-model activity as the task workflows call it. The read model must eventually see every
 * transition: retry for as long as it takes (Postgres down for an hour is an outage, not a reason
 * to lose an audit event). The legacy slice keeps its own identical copy on purpose (frozen code).
 */
export const { recordTaskEvent } = proxyActivities<TaskActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The same activity as a local activity: same timeout and retries (beyond `localRetryThreshold`
 * the SDK waits on a durable timer between attempts, so an outage does not hold a workflow task
 * open). The activity is idempotent (keyed by task and event key, the row only moves forward), so
 * a local attempt repeated after a lost workflow task changes nothing.
 */
const local = proxyLocalActivities<TaskActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The write of one event, as this execution makes it: a local activity once the execution carries
 * the `read-model-local-activity-v1` marker (every new one, and running ones from their next event
 * on), else the regular activity its recorded history holds. Decided when the event is recorded.
 */
export function readModelWriter(): (input: RecordEventInput) => Promise<{ applied: boolean }> {
  return patched(LOCAL_READ_MODEL_PATCH) ? local.recordTaskEvent : recordTaskEvent;
}
