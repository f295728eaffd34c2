import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Logger, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { createGrant, grantsGivenBy, revokeGrant } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { TASK_ACTIONS } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreateDelegationDto, DelegationGrantDto, DeputyDto } from './delegation.dto';

/**
 * The director's grants of "KT. Giám đốc" (libs/persistence delegations.ts): make one for a
 * deputy and a period, list them all (revoked and ended ones stay: the audit), revoke one. Always
 * the caller's own: a deputy signing "KT." grants nothing (the caller, not the principal, is checked).
 */
@ApiTags('delegations')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'FORBIDDEN: chỉ Giám đốc (không qua KT.)' })
@Controller('delegations')
export class DelegationController {
  private readonly logger = new Logger('Delegations');

  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Các ủy quyền ký thay (KT.) Giám đốc đã giao, mới nhất trước (cả đã thu hồi, đã hết hạn)' })
  @ApiOkResponse({ type: [DelegationGrantDto] })
  list(@CurrentActor() actor: Actor): Promise<DelegationGrantDto[]> {
    return grantsGivenBy(this.dataSource, actor.userId);
  }

  @Get('deputies')
  @ApiOperation({ summary: 'Các Phó Giám đốc (đang hoạt động) mà Giám đốc có thể giao quyền ký thay' })
  @ApiOkResponse({ type: [DeputyDto] })
  async deputies(@CurrentActor() actor: Actor): Promise<DeputyDto[]> {
    if (!actor.roles.includes('director')) throw new DomainError('FORBIDDEN', 'Chỉ Giám đốc được giao quyền ký thay (KT.).');
    const rows: Array<{ id: string; username: string; full_name: string; title: string }> = await this.dataSource.query(
      `SELECT id, username, full_name, title FROM users WHERE organization_id = $1 AND is_active AND 'deputyDirector' = ANY(roles) ORDER BY full_name, username`,
      [actor.organizationId],
    );
    return rows.map((r) => ({ userId: r.id, username: r.username, fullName: r.full_name, title: r.title }));
  }

  @Post()
  @ApiOperation({ summary: 'Giao quyền ký thay (KT.) cho Phó Giám đốc trong một thời hạn (Giám đốc)' })
  @ApiCreatedResponse({ type: DelegationGrantDto })
  @ApiUnprocessableEntityResponse({ description: 'DELEGATION_GRANT_INVALID (người nhận, thời hạn, thao tác), UNIT_NOT_FOUND' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateDelegationDto): Promise<DelegationGrantDto> {
    const grant = await createGrant(this.dataSource, ownRoles(actor), body, TASK_ACTIONS);
    this.logger.log({ grantId: grant.id, principal: grant.principal.userId, deputy: grant.deputy.userId, startsOn: grant.startsOn, endsOn: grant.endsOn }, 'delegation granted');
    return grant;
  }

  @Delete(':id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Thu hồi một ủy quyền ký thay (Giám đốc); ủy quyền vẫn được lưu kèm thời điểm thu hồi' })
  @ApiOkResponse({ type: DelegationGrantDto })
  @ApiNotFoundResponse({ description: 'DELEGATION_GRANT_NOT_FOUND' })
  async revoke(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<DelegationGrantDto> {
    const grant = await revokeGrant(this.dataSource, ownRoles(actor), id);
    this.logger.log({ grantId: grant.id, revokedBy: actor.userId }, 'delegation revoked');
    return grant;
  }
}

/** The caller as themselves: roles borrowed through X-On-Behalf-Of grant nothing here. */
function ownRoles(actor: Actor): { userId: string; organizationId: string; roles: string[] } {
  return { userId: actor.userId, organizationId: actor.organizationId!, roles: actor.roles };
}
