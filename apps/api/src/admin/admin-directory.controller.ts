import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Env } from '@app/config';
import { createPerson, createUnit, DirectoryContext, getPerson, listPeople, listUnits, resendInvitation, updatePerson, updateUnit } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { organizationOf } from '../common/actor-organization';
import { AdminGuard } from './admin.guard';
import { AdminPersonDto, AdminPersonListDto, AdminUnitDto, AdminUnitListDto, CreateUnitBody, CreateUserBody, InvitationSentDto, UpdateUnitBody, UpdateUserBody } from './admin.dto';

/**
 * The administrator's directory: units (with the aliases the plan importer resolves) and people
 * (roles, unit, deputy portfolio, active, invitation). Every change is one transaction with its
 * line of `GET /admin/audit`.
 */
@ApiTags('admin')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'FORBIDDEN: chỉ quản trị hệ thống của cơ quan' })
@UseGuards(AdminGuard)
@Controller('admin')
export class AdminDirectoryController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
  ) {}

  private ctx(actor: Actor): DirectoryContext {
    return { organizationId: organizationOf(actor), actorUserId: actor.userId, publicUrl: this.env.PUBLIC_URL };
  }

  @Get('units')
  @ApiOkResponse({ type: AdminUnitListDto, description: 'Mọi đơn vị, kể cả đơn vị đã ngừng sử dụng (active: false)' })
  async units(@CurrentActor() actor: Actor): Promise<AdminUnitListDto> {
    return { items: await listUnits(this.dataSource, organizationOf(actor), { includeInactive: true }) };
  }

  @Post('units')
  @ApiCreatedResponse({ type: AdminUnitDto, description: 'Đơn vị mới; 409 UNIT_CODE_TAKEN, UNIT_ALIAS_TAKEN' })
  createUnit(@CurrentActor() actor: Actor, @Body() body: CreateUnitBody): Promise<AdminUnitDto> {
    return this.dataSource.transaction((tx) => createUnit(tx, this.ctx(actor), { ...body, aliases: body.aliases ?? [] }));
  }

  @Patch('units/:code')
  @ApiOkResponse({ type: AdminUnitDto, description: 'Đơn vị sau khi sửa; active: false ngừng sử dụng (409 UNIT_HAS_OPEN_TASKS)' })
  updateUnit(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: UpdateUnitBody): Promise<AdminUnitDto> {
    return this.dataSource.transaction((tx) => updateUnit(tx, this.ctx(actor), code, body));
  }

  @Post('units/:code/deactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AdminUnitDto, description: 'Đơn vị đã ngừng sử dụng' })
  deactivateUnit(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<AdminUnitDto> {
    return this.dataSource.transaction((tx) => updateUnit(tx, this.ctx(actor), code, { active: false }));
  }

  @Get('users')
  @ApiOkResponse({ type: AdminPersonListDto, description: 'Mọi người của cơ quan, với vai trò, đơn vị, lĩnh vực phụ trách, đã đặt mật khẩu chưa' })
  async users(@CurrentActor() actor: Actor): Promise<AdminPersonListDto> {
    return { items: await listPeople(this.dataSource, organizationOf(actor)) };
  }

  @Get('users/:id')
  @ApiOkResponse({ type: AdminPersonDto })
  user(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AdminPersonDto> {
    return getPerson(this.dataSource, organizationOf(actor), id);
  }

  @Post('users')
  @ApiCreatedResponse({ type: AdminPersonDto, description: 'Người dùng mới (id); thư mời đặt mật khẩu đã vào hàng gửi. 409 USERNAME_TAKEN, 422 UNIT_NOT_FOUND' })
  async createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserBody): Promise<AdminPersonDto> {
    const { person } = await this.dataSource.transaction((tx) =>
      createPerson(tx, this.ctx(actor), {
        username: body.username,
        fullName: body.fullName,
        title: body.title ?? '',
        email: body.email,
        unitCode: body.unitCode ?? null,
        roles: body.roles,
        portfolioUnitCodes: body.portfolioUnitCodes ?? [],
      }),
    );
    return person;
  }

  @Patch('users/:id')
  @ApiOkResponse({ type: AdminPersonDto, description: 'Người dùng sau khi sửa; active: false khóa tài khoản và kết thúc mọi phiên. 409 USER_SOLE_DECIDER, ADMIN_SELF_LOCKOUT' })
  updateUser(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserBody): Promise<AdminPersonDto> {
    return this.dataSource.transaction((tx) => updatePerson(tx, this.ctx(actor), id, body));
  }

  @Post('users/:id/invitation')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InvitationSentDto, description: 'Thư mời mới đã vào hàng gửi; đường dẫn cũ hết hiệu lực' })
  async resendInvitation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InvitationSentDto> {
    const sent = await this.dataSource.transaction((tx) => resendInvitation(tx, this.ctx(actor), id));
    return { sent: sent.emailId !== null, expiresAt: sent.expiresAt.toISOString() };
  }
}
