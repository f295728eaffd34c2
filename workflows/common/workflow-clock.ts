/**
 * The workflow's notion of "now". Inside the workflow sandbox `Date` is replaced by Temporal with
 * the deterministic workflow clock (the time of the current workflow task), so this is replay-safe.
 * It lives in one place so that no other workflow file touches `Date` directly.
 */
export function workflowNowIso(): string {
  return new Date().toISOString();
}

/** The workflow clock in epoch milliseconds (deterministic in the sandbox, like workflowNowIso). */
export function workflowNowMs(): number {
  return Date.now();
}
