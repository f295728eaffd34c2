import { ActivityFailure, ApplicationFailure, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { scrubText } from '../../libs/domain/src/text/valid-text';
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

/** The activity's non-retryable refusal of data Postgres cannot hold (SQLSTATE class 22). */
export const READ_MODEL_DATA_REJECTED = 'READ_MODEL_DATA_REJECTED';
/** Marks executions that write a refused event again, scrubbed, instead of wedging its writes. */
export const READ_MODEL_SCRUB_PATCH = 'read-model-scrub-v1';

/**
 * A regular activity's failure reaches the workflow as an ActivityFailure around the activity's
 * ApplicationFailure; a local activity's may arrive as the ApplicationFailure itself. Both are the
 * same refusal of the data.
 */
function isDataRejected(err: unknown): boolean {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure && cause.type === READ_MODEL_DATA_REJECTED;
}

/**
 * {@link recordTaskEvent}, but an event Postgres refuses for its data (a NUL or a lone surrogate
 * that reached the workflow past the API, a value out of range) never stops the task's writes: it
 * is written again with the offending characters replaced (U+FFFD), and failing that as a bare
 * state change marked `unrecorded`. The version still moves, so the read model keeps up and the
 * task answers its next action. Outages still retry for as long as they last.
 */
export async function recordEventSafely(event: RecordEventInput, write: (input: RecordEventInput) => Promise<unknown> = recordTaskEvent): Promise<unknown> {
  try {
    return await write(event);
  } catch (err) {
    if (!isDataRejected(err) || !patched(READ_MODEL_SCRUB_PATCH)) throw err;
  }
  const scrubbed = scrubText(event);
  try {
    return await write(scrubbed);
  } catch (err) {
    if (!isDataRejected(err)) throw err;
  }
  return write({ ...scrubbed, payload: { unrecorded: true }, task: undefined });
}
