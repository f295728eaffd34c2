import { Body, Controller, HttpCode, HttpStatus, Injectable, Module, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiGoneResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Env } from '@app/config';
import { DomainError } from '@app/domain';
import { hashPassword, issueAccountToken, passwordRefusal, setPasswordWithToken, verifyPassword } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import type { AccessClaims } from '../auth/auth.policy';
import { normalizeUsername } from '../auth/auth.policy';
import { AuthenticatedRequest, CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';

export class PasswordSetDto {
  @ApiProperty({ description: 'Tên đăng nhập của tài khoản vừa đặt mật khẩu' }) username: string;
}

export class MessageDto {
  @ApiProperty({ description: 'Câu trả lời cho người dùng (tiếng Việt)' }) message: string;
}

export class SetPasswordBody {
  @ApiProperty({ description: 'token của đường dẫn trong thư mời hoặc thư đặt lại mật khẩu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ format: 'password', description: 'ít nhất 10 ký tự, không là tên đăng nhập, không là mật khẩu phổ biến' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class ForgotPasswordBody {
  @ApiProperty({ example: 'vp.truongphong' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username!: string;
}

export class ChangePasswordBody {
  @ApiProperty({ format: 'password' }) @IsString() @IsNotEmpty() @MaxLength(256) currentPassword!: string;
  @ApiProperty({ format: 'password' }) @IsString() @MaxLength(256) newPassword!: string;
}

/** A reset link is sent at most once a minute per person: the public form cannot flood a mailbox. */
const RESET_MIN_INTERVAL_SECONDS = 60;

/**
 * Accounts: a person chooses their password from a one-time link (invitation or reset), asks for
 * a reset, changes their password. Nobody else ever sets or learns it.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
  ) {}

  setPassword(token: string, password: string) {
    return setPasswordWithToken(this.dataSource, token, password);
  }

  /** Queues a reset link for an active person with an address; answers the same whatever happened. */
  async forgotPassword(username: string): Promise<void> {
    // No account has such a name (Postgres text cannot even hold NUL): the same answer, nothing sent.
    if (username.includes('\u0000')) return;
    await this.dataSource.transaction(async (tx) => {
      const [user] = await tx.query(
        `SELECT id FROM users u WHERE username = $1 AND is_active AND email IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = 'reset'
                           AND t.created_at > now() - make_interval(secs => $2))
         FOR UPDATE`,
        [normalizeUsername(username), RESET_MIN_INTERVAL_SECONDS],
      );
      if (user) await issueAccountToken(tx, { userId: user.id, purpose: 'reset', publicUrl: this.env.PUBLIC_URL });
    });
  }

  /** Checks the current password, sets the new one, and ends the person's other sessions. */
  async changePassword(actor: Actor, sessionId: string, current: string, next: string): Promise<void> {
    const [user]: Array<{ username: string; password_hash: string | null }> = await this.dataSource.query(
      `SELECT username, password_hash FROM users WHERE id = $1`,
      [actor.userId],
    );
    if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) {
      throw new DomainError('CURRENT_PASSWORD_WRONG', 'Mật khẩu hiện tại không đúng.');
    }
    if (current === next) throw new DomainError('PASSWORD_REJECTED', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
    const refusal = passwordRefusal(next, user.username);
    if (refusal) throw new DomainError('PASSWORD_REJECTED', refusal);
    const hash = await hashPassword(next);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [actor.userId, hash]);
      await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL`, [actor.userId, sessionId]);
    });
  }
}

@ApiTags('auth')
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Public()
  @Post('auth/set-password')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PasswordSetDto, description: '{ username }: mật khẩu đã đặt, đăng nhập bằng nó; mọi phiên cũ kết thúc' })
  @ApiGoneResponse({ description: 'ACCOUNT_TOKEN_USED, ACCOUNT_TOKEN_EXPIRED' })
  @ApiUnprocessableEntityResponse({ description: 'PASSWORD_REJECTED (chính sách mật khẩu); đường dẫn vẫn dùng được' })
  async setPassword(@Body() body: SetPasswordBody): Promise<PasswordSetDto> {
    const { username } = await this.accounts.setPassword(body.token, body.password);
    return { username };
  }

  @Public()
  @Post('auth/forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOkResponse({ type: MessageDto, description: 'Cùng một câu trả lời dù tên đăng nhập có hay không' })
  async forgotPassword(@Body() body: ForgotPasswordBody): Promise<MessageDto> {
    await this.accounts.forgotPassword(body.username);
    return { message: 'Nếu tên đăng nhập đúng và tài khoản có địa chỉ e-mail, đường dẫn đặt lại mật khẩu đã được gửi tới hộp thư của tài khoản.' };
  }

  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Mật khẩu đã đổi; các phiên khác của người dùng kết thúc' })
  async changePassword(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Body() body: ChangePasswordBody) {
    await this.accounts.changePassword(actor, (req.user as AccessClaims).sid, body.currentPassword, body.newPassword);
  }
}

@Module({ controllers: [AccountsController], providers: [AccountsService] })
export class AccountsModule {}
