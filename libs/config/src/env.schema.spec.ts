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

  it('never echoes the database password in its messages', () => {
    expect(() => loadEnv({ ...valid, DATABASE_URL: 'postgres://u:s3cret@h/db', API_PORT: 'x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });
});
