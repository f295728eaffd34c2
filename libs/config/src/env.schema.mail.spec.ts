import { loadEnv } from './env.schema';

describe('loadEnv: e-mail settings', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/planflow', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

  it('defaults to .eml files and a dispatcher that runs', () => {
    const env = loadEnv(valid);
    expect(env).toMatchObject({
      SMTP_HOST: undefined,
      SMTP_PORT: 587,
      SMTP_SECURE: false,
      SMTP_FROM: '"Hệ thống theo dõi kế hoạch" <no-reply@localhost>',
      MAIL_OUTBOX_DIR: '.data/mail-outbox',
      MAIL_DISPATCHER_ENABLED: true,
    });
  });

  it('reads a relay, and counts empty values (compose files) as unset', () => {
    const env = loadEnv({ ...valid, SMTP_HOST: 'smtp.example.gov.vn', SMTP_PORT: '465', SMTP_SECURE: 'true', SMTP_USER: 'noreply', SMTP_PASSWORD: 'pw' });
    expect(env).toMatchObject({ SMTP_HOST: 'smtp.example.gov.vn', SMTP_PORT: 465, SMTP_SECURE: true, SMTP_USER: 'noreply', SMTP_PASSWORD: 'pw' });
    expect(loadEnv({ ...valid, SMTP_HOST: '', SMTP_PORT: '', SMTP_USER: '', SMTP_PASSWORD: '', SMTP_FROM: '' })).toMatchObject({
      SMTP_HOST: undefined,
      SMTP_PORT: 587,
      SMTP_FROM: '"Hệ thống theo dõi kế hoạch" <no-reply@localhost>',
      SMTP_USER: undefined,
      SMTP_PASSWORD: undefined,
    });
    expect(loadEnv({ ...valid, MAIL_DISPATCHER_ENABLED: 'false' }).MAIL_DISPATCHER_ENABLED).toBe(false);
  });

  it('refuses a bad port without echoing the SMTP password', () => {
    expect(() => loadEnv({ ...valid, SMTP_PORT: '0', SMTP_PASSWORD: 'hunter2-secret' })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('SMTP_PORT') }),
    );
    expect(() => loadEnv({ ...valid, SMTP_PORT: '0', SMTP_PASSWORD: 'hunter2-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2-secret') }),
    );
  });
});
