import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

/** The actor's organization, the scope of every query. */
export function organizationOf(actor: Actor): string {
  // loadActor always sets it; a missing one must never widen a query to every organization.
  if (!actor.organizationId) throw new Error('actor without organization');
  return actor.organizationId;
}
