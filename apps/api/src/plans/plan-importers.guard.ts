import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { assertMayImportPlans } from './plan-import.service';

/**
 * Refuses everyone but the monitor before an upload is received (guards run before the multipart
 * interceptor): an officer's 10 MB file is not read only to be refused. Runs after the global JWT
 * guard, which has loaded the actor.
 */
@Injectable()
export class PlanImportersOnly implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!actor) return false;
    assertMayImportPlans(actor);
    return true;
  }
}
