import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '@app/config';
import { AuthController, MeController } from './auth.controller';
import {
  JWT_ALGORITHM,
  JWT_AUDIENCE,
  JWT_ISSUER,
  jwtSigningKey,
  LOGIN_ATTEMPTS,
  LOGIN_THROTTLERS,
  LOGIN_WINDOW_MS,
  loginAddressTracker,
  loginUsernameTracker,
} from './auth.policy';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { SessionService } from './session.service';

/**
 * Authentication: login, refresh, logout, GET /me, and the global guard that makes every other
 * route require a bearer token and carry the caller's Actor.
 */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        secret: jwtSigningKey(env),
        signOptions: { algorithm: JWT_ALGORITHM, expiresIn: env.JWT_ACCESS_TTL_SECONDS, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
    // Used by LoginThrottlerGuard on POST /auth/login only (no global throttling).
    // Three limits: per address and username, per username from any address, per address for any username.
    ThrottlerModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        throttlers: [
          { name: LOGIN_THROTTLERS.pair, ttl: LOGIN_WINDOW_MS, limit: LOGIN_ATTEMPTS },
          {
            name: LOGIN_THROTTLERS.username,
            ttl: LOGIN_WINDOW_MS,
            limit: env.LOGIN_ATTEMPTS_PER_USERNAME,
            getTracker: (req: Record<string, unknown>) => loginUsernameTracker((req.body as { username?: unknown } | undefined)?.username),
          },
          {
            name: LOGIN_THROTTLERS.address,
            ttl: LOGIN_WINDOW_MS,
            limit: env.LOGIN_ATTEMPTS_PER_ADDRESS,
            getTracker: (req: Record<string, unknown>) => loginAddressTracker(String(req.ip ?? '')),
          },
        ],
        setHeaders: false,
      }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [AuthService, SessionService, JwtStrategy, LoginThrottlerGuard, { provide: APP_GUARD, useClass: JwtAuthGuard }],
})
export class AuthModule {}
