import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The authenticated {@link Actor} of the request, as the global JWT guard loaded it. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // Only a @Public() route can get here without one: a programming error, not a client's.
  if (!actor) throw new Error('@CurrentActor() used on a route without authentication');
  return actor;
});
