import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { authError, loginTracker } from './auth.policy';

/**
 * Rate limit of POST /auth/login, per client address and username (so one user's password is not
 * guessed, and one office behind one address does not lock its colleagues out). Counted in the
 * API process's memory: several API replicas would need a shared throttler storage.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return loginTracker(await super.getTracker(req), (req.body as { username?: unknown } | undefined)?.username);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(detail.timeToBlockExpire));
    throw authError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: detail.timeToBlockExpire });
  }
}
