import { ApplicationFailure } from '@temporalio/workflow';
import { Refusal } from '../task-lifecycle/task-machine';

/**
 * Runs a validator of the task machine: a Refusal becomes the ApplicationFailure (type = refusal
 * code, Vietnamese message) that the caller of the Update receives.
 */
export function validateWith(check: () => unknown): void {
  try {
    check();
  } catch (err) {
    if (err instanceof Refusal) throw ApplicationFailure.nonRetryable(err.message, err.code);
    throw err;
  }
}
