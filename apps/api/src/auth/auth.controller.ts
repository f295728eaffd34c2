import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { AuthSessionDto, DelegationOptionDto, LoginDto, MeDto, RefreshDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { Public } from './public.decorator';
import type { ClientInfo } from './session.service';

function clientOf(req: Request): ClientInfo {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS: sai tên đăng nhập hoặc mật khẩu (một câu trả lời cho cả hai)' })
  @ApiForbiddenResponse({ description: 'ACCOUNT_DISABLED' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS, với Retry-After (giây)' })
  login(@Body() body: LoginDto, @Req() req: Request): Promise<AuthSessionDto> {
    return this.auth.login(body.username, body.password, clientOf(req));
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuthSessionDto, description: 'Cặp token mới; refresh token cũ hết hiệu lực' })
  @ApiUnauthorizedResponse({ description: 'REFRESH_TOKEN_INVALID (dùng lại token cũ sẽ thu hồi cả phiên)' })
  refresh(@Body() body: RefreshDto, @Req() req: Request): Promise<AuthSessionDto> {
    return this.auth.refresh(body.refreshToken, clientOf(req));
  }

  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Phiên (mọi token của nó) đã bị thu hồi' })
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED hoặc TOKEN_EXPIRED' })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }

  @Get('delegations')
  @ApiOkResponse({
    type: [DelegationOptionDto],
    description: 'Ủy quyền ký thay (KT.) người dùng đang có và sắp có (Giám đốc giao qua POST /delegations): gửi tên đăng nhập trong X-On-Behalf-Of khi inForce; rỗng nếu không có ủy quyền',
  })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED hoặc TOKEN_EXPIRED' })
  delegations(@CurrentActor() actor: Actor): Promise<DelegationOptionDto[]> {
    return this.auth.delegations(actor);
  }
}
