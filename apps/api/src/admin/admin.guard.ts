import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@app/domain';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';

/**
 * The administrator of the organization only (role `admin`, recorded in `users.roles`; never a
 * header). Runs after the global JWT guard, which loaded the actor fresh from Postgres; a deputy
 * signing "KT." does not become an administrator.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!actor?.roles.includes('admin')) throw new DomainError('FORBIDDEN', 'Chỉ quản trị hệ thống của cơ quan được thực hiện thao tác này.');
    return true;
  }
}
