import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/domain';
import type { AccountTokenPurpose } from '../entities/account-token.entity';
import { hashPassword } from '../auth/passwords';
import { passwordRefusal } from '../auth/password-policy';
import { EMAIL_OUTBOX_CHANNEL } from '../notifications/email-outbox.queue';

type Db = DataSource | EntityManager;

/** How long a link to choose a password stays good. */
export const ACCOUNT_TOKEN_TTL_HOURS = 72;

export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The path of the web page that takes the token (`PUBLIC_URL` + this + `?token=…`). */
export const SET_PASSWORD_PATH = '/set-password';

export interface IssuedAccountToken {
  userId: string;
  purpose: AccountTokenPurpose;
  expiresAt: Date;
  /** Queued e-mail; null when the person has no address (the administrator hands the link over). */
  emailId: string | null;
}

/**
 * Issues a one-time link for a person to choose their password and queues the e-mail that carries
 * it (the e-mail outbox; the worker sends it). Earlier unused links of the person are spent: only
 * the newest works. Only the token's SHA-256 is stored, so the link exists only in the mail.
 */
export async function issueAccountToken(
  db: Db,
  opts: { userId: string; purpose: AccountTokenPurpose; publicUrl: string; ttlHours?: number },
): Promise<IssuedAccountToken> {
  const [user]: Array<{ id: string; organization_id: string; username: string; full_name: string; email: string | null; org_name: string }> = await db.query(
    `SELECT u.id, u.organization_id, u.username, u.full_name, u.email, o.name AS org_name
     FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
    [opts.userId],
  );
  if (!user) throw new DomainError('USER_NOT_FOUND', 'Không tìm thấy người dùng.');
  const token = randomBytes(32).toString('base64url');
  const ttl = opts.ttlHours ?? ACCOUNT_TOKEN_TTL_HOURS;
  await db.query(`UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [user.id]);
  const [row]: Array<{ expires_at: Date }> = await db.query(
    `INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))
     RETURNING expires_at`,
    [user.id, opts.purpose, hashAccountToken(token), ttl],
  );
  let emailId: string | null = null;
  if (user.email) {
    const link = `${opts.publicUrl.replace(/\/+$/, '')}${SET_PASSWORD_PATH}?token=${token}`;
    const mail = accountMail(opts.purpose, { fullName: user.full_name, username: user.username, organization: user.org_name, link, hours: ttl });
    const [queued] = await db.query(
      `INSERT INTO email_outbox (organization_id, notification_id, to_address, to_name, subject, text_body)
       VALUES ($1, NULL, $2, $3, $4, $5) RETURNING id`,
      [user.organization_id, user.email, user.full_name, mail.subject, mail.text],
    );
    emailId = queued.id;
    await db.query(`SELECT pg_notify($1, '')`, [EMAIL_OUTBOX_CHANNEL]);
  }
  return { userId: user.id, purpose: opts.purpose, expiresAt: new Date(row.expires_at), emailId };
}

function accountMail(purpose: AccountTokenPurpose, p: { fullName: string; username: string; organization: string; link: string; hours: number }) {
  if (purpose === 'invitation') {
    return {
      subject: `Mời sử dụng hệ thống theo dõi kế hoạch - ${p.organization}`,
      text: [
        `Kính gửi ${p.fullName},`,
        '',
        `Tài khoản của anh/chị trên hệ thống theo dõi kế hoạch của ${p.organization} đã được tạo.`,
        `Tên đăng nhập: ${p.username}`,
        '',
        `Để đặt mật khẩu, mở đường dẫn sau (dùng được một lần, trong ${p.hours} giờ):`,
        p.link,
        '',
        'Nếu anh/chị không chờ thư này, xin bỏ qua nó.',
      ].join('\n'),
    };
  }
  return {
    subject: `Đặt lại mật khẩu - ${p.organization}`,
    text: [
      `Kính gửi ${p.fullName},`,
      '',
      `Có yêu cầu đặt lại mật khẩu cho tài khoản ${p.username}.`,
      `Để đặt mật khẩu mới, mở đường dẫn sau (dùng được một lần, trong ${p.hours} giờ):`,
      p.link,
      '',
      'Nếu không phải anh/chị yêu cầu, xin bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.',
    ].join('\n'),
  };
}

/**
 * Sets the password with a one-time link: the token must be known, unused, unexpired, of an active
 * account, and the password must pass {@link passwordRefusal}. Spends the token and ends every
 * session of the person (a reset is also how one shuts out whoever knew the old password).
 */
export async function setPasswordWithToken(db: DataSource, token: string, password: string): Promise<{ userId: string; username: string }> {
  return db.transaction(async (tx) => {
    const [row]: Array<{ id: string; user_id: string; username: string; is_active: boolean; used: boolean; expired: boolean }> = await tx.query(
      `SELECT t.id, t.user_id, u.username, u.is_active, t.used_at IS NOT NULL AS used, t.expires_at <= now() AS expired
       FROM account_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [hashAccountToken(token)],
    );
    if (!row || !row.is_active) throw new DomainError('ACCOUNT_TOKEN_INVALID', 'Đường dẫn đặt mật khẩu không hợp lệ.');
    if (row.used) throw new DomainError('ACCOUNT_TOKEN_USED', 'Đường dẫn đặt mật khẩu đã được dùng. Hãy yêu cầu đường dẫn mới.');
    if (row.expired) throw new DomainError('ACCOUNT_TOKEN_EXPIRED', 'Đường dẫn đặt mật khẩu đã hết hạn. Hãy yêu cầu đường dẫn mới.');
    const refusal = passwordRefusal(password, row.username);
    if (refusal) throw new DomainError('PASSWORD_REJECTED', refusal);
    await tx.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [row.user_id, await hashPassword(password)]);
    await tx.query(`UPDATE account_tokens SET used_at = now() WHERE id = $1`, [row.id]);
    await revokeSessions(tx, row.user_id);
    return { userId: row.user_id, username: row.username };
  });
}

/** Ends every login session of a person at once: their refresh tokens, and with them their access tokens. */
export async function revokeSessions(db: Db, userId: string): Promise<void> {
  await db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
}
