/** Pages fire this after an action so the header's counts (and open lists) follow at once. */
export const CHANGED_EVENT = 'planflow:changed';

export function announceChange(): void {
  window.dispatchEvent(new Event(CHANGED_EVENT));
}
