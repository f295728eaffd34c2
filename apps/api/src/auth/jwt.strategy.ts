import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Env } from '@app/config';
import { AccessClaims, authError, isAccessClaims, JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, jwtSigningKey } from './auth.policy';

/**
 * Verifies the bearer token (signature, algorithm, issuer, audience, expiry) and nothing else: it
 * holds no database handle, because passport keeps strategies in a process-wide registry. The
 * guard turns the claims into the actor.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(env: Env) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtSigningKey(env),
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(payload: unknown): AccessClaims {
    if (!isAccessClaims(payload)) throw authError('UNAUTHENTICATED');
    return { sub: payload.sub, sid: payload.sid };
  }
}
