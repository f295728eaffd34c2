import { ConfigValidationError, loadEnv } from './env.schema';

describe('loadEnv', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/planflow', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

  it('fills defaults and converts types', () => {
    const env = loadEnv({ ...valid, API_PORT: '4000', DEMO_MODE: 'true' });
    expect(env).toMatchObject({ API_PORT: 4000, DEMO_MODE: true, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'planflow-tasks', MIGRATIONS_RUN: false });
  });

  it('lists every problem at once, readably', () => {
    let error: unknown;
    try {
      loadEnv({ DATABASE_URL: 'mysql://x', API_PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const { problems, message } = error as ConfigValidationError;
    expect(problems).toEqual(
      expect.arrayContaining([
        'DATABASE_URL must be a postgres:// URL',
        expect.stringContaining('TEMPORAL_ADDRESS must be host:port'),
        expect.stringContaining('API_PORT'),
        expect.stringContaining('LOG_LEVEL'),
      ]),
    );
    expect(message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('validates the authentication settings and refuses demo mode in production', () => {
    expect(loadEnv(valid)).toMatchObject({ JWT_ACCESS_TTL_SECONDS: 900, REFRESH_TOKEN_TTL_DAYS: 30 });
    expect(loadEnv(valid).JWT_SECRET).toBeUndefined();
    expect(loadEnv({ ...valid, JWT_SECRET: '' }).JWT_SECRET).toBeUndefined();
    const tooShort = 'short-secret-value';
    expect(() => loadEnv({ ...valid, JWT_SECRET: tooShort })).toThrow(
      expect.objectContaining({ problems: [expect.stringContaining('JWT_SECRET must be at least 32 characters')], message: expect.not.stringContaining(tooShort) }),
    );
    expect(() => loadEnv({ ...valid, JWT_ACCESS_TTL_SECONDS: '10' })).toThrow(/JWT_ACCESS_TTL_SECONDS/);
    expect(() => loadEnv({ ...valid, NODE_ENV: 'production', DEMO_MODE: 'true' })).toThrow(/DEMO_MODE must not be enabled in production/);
    expect(loadEnv({ ...valid, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toMatchObject({ DEMO_MODE: false });
  });

  it('never echoes the database password in its messages', () => {
    expect(() => loadEnv({ ...valid, DATABASE_URL: 'postgres://u:s3cret@h/db', API_PORT: 'x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });
});
