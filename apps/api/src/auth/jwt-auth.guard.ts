import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '@app/domain';
import { AccessClaims, bearerRefusal } from './auth.policy';
import { AuthService } from './auth.service';
import { AuthenticatedRequest } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';

/** "KT. Giám đốc": a deputy names the director they sign for; the workflow records both. */
export const ON_BEHALF_OF_HEADER = 'x-on-behalf-of';

/**
 * The global guard (APP_GUARD): every route needs a valid access token unless it is @Public().
 * It puts the full {@link Actor} on the request (organization, unit, roles, portfolio, delegation),
 * loaded fresh from the database, so a role change or a disabled account counts at once.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    await super.canActivate(context);
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const onBehalfOf = req.headers[ON_BEHALF_OF_HEADER];
    if (Array.isArray(onBehalfOf) || (onBehalfOf !== undefined && (onBehalfOf.trim() === '' || onBehalfOf.length > 100))) {
      throw new DomainError('VALIDATION_FAILED', 'Header X-On-Behalf-Of phải là tên đăng nhập của Giám đốc.');
    }
    req.actor = await this.auth.actorFor(req.user as AccessClaims, onBehalfOf);
    return true;
  }

  override handleRequest<T>(err: unknown, claims: T, info: unknown): T {
    if (err) throw err;
    if (!claims) throw bearerRefusal(info);
    return claims;
  }
}
