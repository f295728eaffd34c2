import { findInvalidText, invalidTextMessage, TooDeepError } from '../../libs/domain/src/text/valid-text';
import { REFUSAL } from '../task-lifecycle/task-lifecycle.contract';
import { Refusal } from '../task-lifecycle/task-machine';

/**
 * The API's text rule again, in the Update validators: input that reached the workflow some other
 * way (a Temporal client, an older API) with text Postgres cannot hold is refused INVALID_INPUT
 * before anything is applied. Validators do not run on replay, so this changes no history.
 */
export function refuseInvalidText(input: unknown): void {
  let found;
  try {
    found = findInvalidText(input, 'input');
  } catch (err) {
    if (err instanceof TooDeepError) throw new Refusal(REFUSAL.INVALID_INPUT, 'Dữ liệu lồng nhau quá sâu.');
    throw err;
  }
  if (found) throw new Refusal(REFUSAL.INVALID_INPUT, invalidTextMessage(found));
}
