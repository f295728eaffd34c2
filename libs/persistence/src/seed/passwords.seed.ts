import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';

/**
 * Gives every user of an organization who has no password yet the given one (the demo
 * organization's development password, in demo mode only). Idempotent: a user who already has a
 * password (the seeded one, or one changed since) keeps it, so nothing is rehashed on each start.
 * Returns how many users got a password.
 */
export async function seedMissingPasswords(
  db: DataSource | EntityManager,
  opts: { organizationId: string; password: string },
): Promise<number> {
  // Production never sets a password nobody chose: people choose theirs from their invitation.
  if (process.env.NODE_ENV === 'production') throw new Error('seedMissingPasswords refused: NODE_ENV=production (people set their own passwords from their invitation)');
  const users: Array<{ id: string }> = await db.query(
    `SELECT id FROM users WHERE organization_id = $1 AND password_hash IS NULL ORDER BY username`,
    [opts.organizationId],
  );
  for (const user of users) {
    // One hash (and salt) per user: equal passwords must not show as equal hashes.
    await db.query(`UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash IS NULL`, [user.id, await hashPassword(opts.password)]);
  }
  return users.length;
}
