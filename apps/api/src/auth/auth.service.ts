import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Env } from '@app/config';
import { DomainError, type Role } from '@app/domain';
import { hashPassword, listDelegations, loadActor, needsRehash, verifyPassword } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { AccessClaims, authError, normalizeUsername } from './auth.policy';
import { AuthSessionDto, DelegationOptionDto, MeDto, UnitRefDto, UserProfileDto } from './auth.dto';
import { ClientInfo, IssuedRefreshToken, SessionService } from './session.service';

interface ProfileRow {
  id: string;
  username: string;
  full_name: string;
  title: string;
  email: string | null;
  /** users.roles: the directory writes only role words (ROLES; admin/directory.ts refuses others). */
  roles: Role[];
  org_id: string;
  org_code: string;
  org_name: string;
  unit_id: string | null;
  unit_code: string | null;
  unit_name: string | null;
}

/**
 * Who is calling: passwords in, tokens out, and from a token back to the {@link Actor} the task
 * workflows authorize. Wrong username and wrong password are one answer, in about the same time.
 */
@Injectable()
export class AuthService {
  // Verified against when the username is unknown, so both failures cost one argon2 verification.
  private dummyHash?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly sessions: SessionService,
    private readonly env: Env,
  ) {}

  async login(username: string, password: string, client: ClientInfo): Promise<AuthSessionDto> {
    const [user]: Array<{ id: string; password_hash: string | null; is_active: boolean }> = await this.dataSource.query(
      `SELECT id, password_hash, is_active FROM users WHERE username = $1`,
      [normalizeUsername(username)],
    );
    if (!user?.password_hash) {
      this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await this.dummyHash, password);
      throw authError('INVALID_CREDENTIALS');
    }
    if (!(await verifyPassword(user.password_hash, password))) throw authError('INVALID_CREDENTIALS');
    // Only after the right password: a disabled account is not revealed to someone guessing.
    if (!user.is_active) throw authError('ACCOUNT_DISABLED');
    if (needsRehash(user.password_hash)) {
      await this.dataSource.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [user.id, await hashPassword(password)]);
    }
    return this.session(await this.sessions.start(user.id, client));
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<AuthSessionDto> {
    return this.session(await this.sessions.rotate(refreshToken, client));
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.end(refreshToken);
  }

  /**
   * The actor of a verified access token: the user as the database knows them now (roles, unit,
   * portfolio), and for "KT. Giám đốc" the director named in `X-On-Behalf-Of`.
   */
  async actorFor(claims: AccessClaims, onBehalfOfUsername?: string): Promise<Actor> {
    const [active, loaded] = await Promise.all([
      this.sessions.isActive(claims.sid),
      loadActor(
        this.dataSource,
        { userId: claims.sub },
        onBehalfOfUsername ? { username: normalizeUsername(onBehalfOfUsername) } : undefined,
      ).then(
        (actor) => ({ actor }),
        (error: unknown) => ({ error }),
      ),
    ]);
    if (!active) throw authError('UNAUTHENTICATED');
    if ('error' in loaded) {
      // Deleted or disabled since the token was issued: the token no longer stands for anyone.
      const e = loaded.error;
      throw e instanceof DomainError && e.code === 'USER_NOT_FOUND' ? authError('UNAUTHENTICATED') : e;
    }
    return loaded.actor;
  }

  async me(actor: Actor): Promise<MeDto> {
    return {
      ...(await this.profile(actor.userId)),
      actingOnBehalfOf: actor.onBehalfOfUserId ? { userId: actor.onBehalfOfUserId, fullName: actor.onBehalfOfName ?? '' } : null,
    };
  }

  /**
   * The grants of "KT. Giám đốc" the caller holds, in force and upcoming (libs/persistence
   * `listDelegations`); the header is honoured for those in force. Always the caller's own, also under the header.
   */
  delegations(actor: Actor): Promise<DelegationOptionDto[]> {
    return listDelegations(this.dataSource, actor.userId);
  }

  async profile(userId: string): Promise<UserProfileDto> {
    const [[row], portfolio]: [ProfileRow[], UnitRefDto[]] = await Promise.all([
      this.dataSource.query(
        `SELECT u.id, u.username, u.full_name, u.title, u.email, u.roles,
                o.id AS org_id, o.code AS org_code, o.name AS org_name,
                un.id AS unit_id, un.code AS unit_code, un.name AS unit_name
         FROM users u JOIN organizations o ON o.id = u.organization_id LEFT JOIN units un ON un.id = u.unit_id
         WHERE u.id = $1`,
        [userId],
      ),
      this.dataSource.query(
        `SELECT un.id, un.code, un.name FROM deputy_portfolios p JOIN units un ON un.id = p.unit_id
         WHERE p.user_id = $1 ORDER BY un.code`,
        [userId],
      ),
    ]);
    if (!row) throw authError('UNAUTHENTICATED');
    return {
      id: row.id,
      username: row.username,
      fullName: row.full_name,
      title: row.title,
      email: row.email,
      roles: row.roles,
      organization: { id: row.org_id, code: row.org_code, name: row.org_name },
      unit: row.unit_id ? { id: row.unit_id, code: row.unit_code!, name: row.unit_name! } : null,
      portfolioUnits: portfolio,
    };
  }

  private async session(refresh: IssuedRefreshToken): Promise<AuthSessionDto> {
    const claims: AccessClaims = { sub: refresh.userId, sid: refresh.familyId };
    return {
      tokenType: 'Bearer',
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt.toISOString(),
      user: await this.profile(refresh.userId),
    };
  }
}
