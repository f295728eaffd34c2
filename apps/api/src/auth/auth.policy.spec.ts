import { ConfigValidationError } from '@app/config';
import { bearerRefusal, hashRefreshToken, isAccessClaims, jwtSigningKey, loginTracker, newRefreshToken, normalizeUsername } from './auth.policy';

describe('auth policy', () => {
  describe('jwtSigningKey', () => {
    it('uses JWT_SECRET when set', () => {
      const secret = 'x'.repeat(40);
      expect(jwtSigningKey({ NODE_ENV: 'production', JWT_SECRET: secret })).toBe(secret);
    });

    it('refuses to run in production without JWT_SECRET, without echoing anything secret', () => {
      expect(() => jwtSigningKey({ NODE_ENV: 'production', JWT_SECRET: undefined })).toThrow(ConfigValidationError);
      expect(() => jwtSigningKey({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET must be set in production/);
    });

    it('elsewhere generates one strong random key per process', () => {
      const key = jwtSigningKey({ NODE_ENV: 'development', JWT_SECRET: undefined });
      expect(key.length).toBeGreaterThanOrEqual(64);
      expect(jwtSigningKey({ NODE_ENV: 'test', JWT_SECRET: undefined })).toBe(key);
    });
  });

  it('refresh tokens are 256-bit opaque strings stored as their SHA-256', () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashRefreshToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token);
  });

  it('tells an expired access token apart from every other refusal', () => {
    const expired = Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' });
    expect(bearerRefusal(expired)).toMatchObject({ code: 'TOKEN_EXPIRED', message: expect.stringMatching(/hết hạn/) });
    expect(bearerRefusal(new Error('No auth token'))).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/đăng nhập/) });
    expect(bearerRefusal(Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(bearerRefusal(undefined)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('accepts only the claims it issues', () => {
    const id = '7d0f8a9e-1111-4a4a-8a8a-000000000000';
    expect(isAccessClaims({ sub: id, sid: id, iat: 1 })).toBe(true);
    expect(isAccessClaims({ sub: id })).toBe(false);
    expect(isAccessClaims({ sub: 'giamdoc', sid: id })).toBe(false);
    expect(isAccessClaims(null)).toBe(false);
  });

  it('rate-limits per client address and username, whatever the case and spaces', () => {
    expect(normalizeUsername('  VP.TruongPhong ')).toBe('vp.truongphong');
    expect(normalizeUsername(42)).toBe('');
    expect(loginTracker('127.0.0.1', ' GiamDoc')).toBe(loginTracker('127.0.0.1', 'giamdoc'));
    expect(loginTracker('127.0.0.1', 'giamdoc')).not.toBe(loginTracker('127.0.0.2', 'giamdoc'));
  });
});
