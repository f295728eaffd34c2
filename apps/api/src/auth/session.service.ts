import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Env } from '@app/config';
import { authError, hashRefreshToken, newRefreshToken, REFRESH_REUSE_GRACE_SECONDS } from './auth.policy';

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

export interface IssuedRefreshToken {
  userId: string;
  familyId: string;
  token: string;
  expiresAt: Date;
}

type Rotation = { ok: IssuedRefreshToken } | { refused: 'REFRESH_TOKEN_INVALID' | 'ACCOUNT_DISABLED'; reused?: boolean };

/**
 * Login sessions as families of refresh tokens in Postgres (`refresh_tokens`). Refresh tokens are
 * opaque and stored hashed; each is good for one rotation. A token presented again within
 * REFRESH_REUSE_GRACE_SECONDS of its rotation (a client racing itself) gets a fresh pair of the same
 * session; later, a rotated token presented again was copied (stolen, or replayed), so the session
 * it belongs to ends for everyone holding any of its tokens, access tokens included (they carry
 * the family id).
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
  ) {}

  /** A new session (family) for a user who just proved who they are. */
  async start(userId: string, client: ClientInfo): Promise<IssuedRefreshToken> {
    // Housekeeping: expired tokens can no longer be used or reused; a user's own login clears them.
    await this.dataSource.query(`DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < now()`, [userId]);
    return this.issue(this.dataSource.manager, userId, randomUUID(), client);
  }

  /** Exchanges a refresh token for its successor; refuses unknown, expired, used and disabled. */
  async rotate(token: string, client: ClientInfo): Promise<IssuedRefreshToken> {
    const result = await this.dataSource.transaction(async (tx): Promise<Rotation> => {
      const [row]: Array<{ id: string; user_id: string; family_id: string; expired: boolean; revoked: boolean; racing: boolean; is_active: boolean }> =
        await tx.query(
          `SELECT t.id, t.user_id, t.family_id, t.expires_at <= now() AS expired, t.revoked_at IS NOT NULL AS revoked, u.is_active,
                  (t.replaced_by IS NOT NULL AND t.revoked_at > clock_timestamp() - make_interval(secs => $2)
                   AND EXISTS (SELECT 1 FROM refresh_tokens s WHERE s.family_id = t.family_id AND s.revoked_at IS NULL AND s.expires_at > now())) AS racing
           FROM refresh_tokens t JOIN users u ON u.id = t.user_id
           WHERE t.token_hash = $1
           FOR UPDATE OF t`,
          [hashRefreshToken(token), REFRESH_REUSE_GRACE_SECONDS],
        );
      if (!row) return { refused: 'REFRESH_TOKEN_INVALID' };
      if (row.revoked && row.racing && row.is_active && !row.expired) {
        // The same client refreshing twice at once (two tabs, a retry): the loser of the race gets
        // a fresh pair of the same session; the winner's stays good. Only a later reuse is a copy.
        return { ok: await this.issue(tx, row.user_id, row.family_id, client) };
      }
      if (row.revoked) {
        await this.revokeFamily(tx, row.family_id);
        return { refused: 'REFRESH_TOKEN_INVALID', reused: true };
      }
      if (row.expired) return { refused: 'REFRESH_TOKEN_INVALID' };
      if (!row.is_active) {
        await this.revokeFamily(tx, row.family_id);
        return { refused: 'ACCOUNT_DISABLED' };
      }
      const next = await this.issue(tx, row.user_id, row.family_id, client);
      await tx.query(`UPDATE refresh_tokens SET revoked_at = now(), replaced_by = $2 WHERE id = $1`, [row.id, next.id]);
      return { ok: next };
    });
    if ('ok' in result) return result.ok;
    if (result.reused) this.logger.warn({ ip: client.ip }, 'refresh token reused: its session was revoked');
    throw authError(result.refused);
  }

  /** Ends the session the token belongs to (every token of the family). Unknown tokens: nothing. */
  async end(token: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
       WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL`,
      [hashRefreshToken(token)],
    );
  }

  /** Whether a session still has a live token: access tokens of an ended session stop at once. */
  async isActive(familyId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > now() LIMIT 1`,
      [familyId],
    );
    return !!row;
  }

  private async issue(db: EntityManager, userId: string, familyId: string, client: ClientInfo): Promise<IssuedRefreshToken & { id: string }> {
    const { token, hash } = newRefreshToken();
    const [row]: Array<{ id: string; expires_at: Date }> = await db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, user_agent, ip)
       VALUES ($1, $2, $3, now() + make_interval(days => $4), $5, $6)
       RETURNING id, expires_at`,
      [userId, familyId, hash, this.env.REFRESH_TOKEN_TTL_DAYS, client.userAgent?.slice(0, 300) ?? null, client.ip ?? null],
    );
    return { id: row.id, userId, familyId, token, expiresAt: new Date(row.expires_at) };
  }

  private async revokeFamily(db: EntityManager, familyId: string): Promise<void> {
    await db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }
}
