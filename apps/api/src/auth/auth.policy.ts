import { createHash, randomBytes } from 'node:crypto';
import { ConfigValidationError, Env } from '@app/config';
import { DomainError } from '@app/domain';
import { DEFAULT_MESSAGES } from '../common/error-codes';

/**
 * The pure rules of authentication: token formats, the signing key, error mapping. Everything
 * here is decided without a database or a clock of its own, so it is unit-tested directly.
 */

export const JWT_ISSUER = 'planflow';
export const JWT_AUDIENCE = 'planflow-api';
export const JWT_ALGORITHM = 'HS256';

/** Login attempts allowed per client IP and username in {@link LOGIN_WINDOW_MS}. */
export const LOGIN_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 60_000;
/**
 * Besides: per username from any address (guessing one person's password from many machines) and
 * per address for any username (trying one password on many people), in the same window; both
 * configurable (LOGIN_ATTEMPTS_PER_USERNAME, LOGIN_ATTEMPTS_PER_ADDRESS).
 */
export const LOGIN_THROTTLERS = { pair: 'login', username: 'login-username', address: 'login-address' } as const;

/**
 * A refresh token used again within this many seconds of its rotation is a client racing itself
 * (two tabs, a retried request): it gets a fresh pair of the same session. Later, a reuse means a
 * copy, and the session ends.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

/** What an access token says: the user and the login session (refresh-token family) it belongs to. */
export interface AccessClaims {
  sub: string;
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isAccessClaims(payload: unknown): payload is AccessClaims {
  const p = payload as Partial<AccessClaims> | null;
  return typeof p?.sub === 'string' && UUID.test(p.sub) && typeof p.sid === 'string' && UUID.test(p.sid);
}

export type AuthErrorCode =
  | 'UNAUTHENTICATED'
  | 'TOKEN_EXPIRED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_DISABLED'
  | 'REFRESH_TOKEN_INVALID'
  | 'TOO_MANY_ATTEMPTS';

export function authError(code: AuthErrorCode, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, DEFAULT_MESSAGES[code], details);
}

/**
 * Why passport refused a bearer token (its `info`): an expired token is told apart so the client
 * knows a refresh will do; a missing, malformed or foreign token is simply "log in".
 */
export function bearerRefusal(info: unknown): DomainError {
  return (info as Error | undefined)?.name === 'TokenExpiredError' ? authError('TOKEN_EXPIRED') : authError('UNAUTHENTICATED');
}

/** Usernames are stored lower-case; people type them with capitals and spaces around. */
export function normalizeUsername(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim().toLowerCase() : '';
}

/** The rate-limit key of a login attempt: guessing one user's password from one place. */
export function loginTracker(ip: string, username: unknown): string {
  return `${ip}|${normalizeUsername(username)}`;
}

/** The tracker of the per-username limit (any address). */
export function loginUsernameTracker(username: unknown): string {
  return `user|${normalizeUsername(username)}`;
}

/** The tracker of the per-address limit (any username). */
export function loginAddressTracker(ip: string): string {
  return `ip|${ip}`;
}

/** A fresh opaque refresh token (256 random bits) and the hash that is stored instead of it. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// One random key per process when none is configured (development, tests, demo): nothing to
// leak or to forget to change; access tokens end with the process, refresh tokens (in Postgres)
// survive it, so clients just refresh after a restart.
let processKey: string | undefined;

/** The HS256 key: `JWT_SECRET`, required in production; elsewhere a random per-process key. */
export function jwtSigningKey(env: Pick<Env, 'NODE_ENV' | 'JWT_SECRET'>): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.NODE_ENV === 'production') {
    throw new ConfigValidationError(['JWT_SECRET must be set in production (at least 32 characters, e.g. openssl rand -base64 48)']);
  }
  processKey ??= randomBytes(48).toString('base64url');
  return processKey;
}
