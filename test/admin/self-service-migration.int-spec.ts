import { DataSource } from 'typeorm';
import { dataSourceOptions, DEMO_PEOPLE, hashPassword, issueAccountToken, MIGRATIONS, seedOrganization } from '@app/persistence';
import { demoOrganizationSeed } from '../../infra/scripts/demo-data';
import { env, uniqueSuffix } from '../support/stack';

/**
 * Migration SelfServiceAdmin1765210000000 on a populated database (a scratch one): the demo
 * organization with passwords and a login session, as the previous release left it, migrates
 * forward with every unit active and every person and session as they were; an account mail can
 * then be queued; the migration reverts (dropping only account mails) and re-applies.
 */
describe('migration SelfServiceAdmin1765210000000 on populated data', () => {
  const name = `planflow_migration_admin_${uniqueSuffix()}`;
  let admin: DataSource;
  let scratch: DataSource;
  const index = MIGRATIONS.findIndex((m) => m.name === 'SelfServiceAdmin1765210000000');

  beforeAll(async () => {
    admin = new DataSource(dataSourceOptions(env('DATABASE_URL'), { logging: false, extra: { max: 1 } }));
    await admin.initialize();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: MIGRATIONS.slice(0, index), logging: false, extra: { max: 2 } }));
    await scratch.initialize();
  });
  afterAll(async () => {
    if (scratch?.isInitialized) await scratch.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin?.destroy();
  });

  it('migrates the previous release forward, reverts and re-applies', async () => {
    expect(index).toBeGreaterThan(0);
    await scratch.runMigrations({ transaction: 'each' });
    const { organizationId } = await seedOrganization(scratch, { ...demoOrganizationSeed(), code: 'MIG', people: DEMO_PEOPLE.map((p) => ({ ...p, username: `mig.${p.username}` })), emailDomain: 'mig.example' });
    await scratch.query(`UPDATE users SET password_hash = $2 WHERE username = $1`, ['mig.giamdoc', await hashPassword('một mật khẩu cũ dài')]);
    const [user] = await scratch.query(`SELECT id, password_hash FROM users WHERE username = 'mig.giamdoc'`);
    await scratch.query(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, gen_random_uuid(), 'h-mig', now() + interval '1 day')`, [user.id]);
    const before = await scratch.query(`SELECT id, code, name, aliases FROM units WHERE organization_id = $1 ORDER BY code`, [organizationId]);

    // The next release: this migration and whatever comes after it.
    const forward = new DataSource({ ...scratch.options, migrations: MIGRATIONS } as typeof scratch.options);
    await forward.initialize();
    try {
      await forward.runMigrations({ transaction: 'each' });
      const after = await forward.query(`SELECT id, code, name, aliases, is_active FROM units WHERE organization_id = $1 ORDER BY code`, [organizationId]);
      expect(after).toEqual(before.map((u: object) => ({ ...u, is_active: true })));
      const [kept] = await forward.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
      expect(kept.password_hash).toBe(user.password_hash);
      const [session] = await forward.query(`SELECT revoked_at FROM refresh_tokens WHERE token_hash = 'h-mig'`);
      expect(session.revoked_at).toBeNull();
      const issued = await issueAccountToken(forward, { userId: user.id, purpose: 'reset', publicUrl: 'https://so.example' });
      expect(issued.emailId).toEqual(expect.any(String));

      // Revert this migration (undo everything after it first), then apply again.
      const after_ = MIGRATIONS.length - 1 - index;
      for (let i = 0; i <= after_; i++) await forward.undoLastMigration({ transaction: 'each' });
      const [column] = await forward.query(`SELECT is_nullable FROM information_schema.columns WHERE table_name = 'email_outbox' AND column_name = 'notification_id'`);
      expect(column.is_nullable).toBe('NO');
      const tables = await forward.query(`SELECT table_name FROM information_schema.tables WHERE table_name IN ('account_tokens', 'admin_audit', 'directory_imports')`);
      expect(tables).toEqual([]);
      await forward.runMigrations({ transaction: 'each' });
      const [again] = await forward.query(`SELECT count(*)::int AS n FROM units WHERE organization_id = $1 AND is_active`, [organizationId]);
      expect(again.n).toBe(before.length);
    } finally {
      await forward.destroy();
    }
  });
});
