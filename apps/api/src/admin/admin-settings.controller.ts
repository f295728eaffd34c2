import { Body, Controller, Get, Injectable, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, isTimeAndId } from '@app/domain';
import { listAdminAudit, loadOrganizationSettings, updateOrganizationSettings } from '@app/persistence';
import { broadcastOrganizationSettings } from '@app/temporal';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { organizationOf } from '../common/actor-organization';
import { AdminGuard } from './admin.guard';
import { AuditPageDto, AuditQuery, SettingsBody, SettingsDto, SettingsSavedDto } from './admin.dto';

@Injectable()
export class AdminSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
  ) {}

  get(organizationId: string) {
    return loadOrganizationSettings(this.dataSource, organizationId);
  }

  /** Stores the settings, then hands them to every open task (as a calendar edit does). */
  async put(actor: Actor, body: SettingsBody) {
    const organizationId = organizationOf(actor);
    const { settings, changed } = await updateOrganizationSettings(this.dataSource, { organizationId, actorUserId: actor.userId }, body);
    const tasks = changed ? await broadcastOrganizationSettings(this.dataSource, this.client, organizationId) : { signalled: 0, closed: 0, notStartedYet: 0, failed: [] };
    return { settings, changed, tasks };
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'FORBIDDEN: chỉ quản trị hệ thống của cơ quan' })
@UseGuards(AdminGuard)
@Controller('admin')
export class AdminSettingsController {
  constructor(
    private readonly settings: AdminSettingsService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('settings')
  @ApiOkResponse({ type: SettingsDto, description: 'Mọi thiết lập của cơ quan (giá trị mặc định của WORKFLOW.md khi chưa đặt)' })
  get(@CurrentActor() actor: Actor): Promise<SettingsDto> {
    return this.settings.get(organizationOf(actor));
  }

  @Put('settings')
  @ApiOkResponse({ type: SettingsSavedDto, description: '{ settings, changed, tasks: { signalled, closed, notStartedYet, failed } }: mọi nhiệm vụ đang mở đã nhận thiết lập mới' })
  @ApiUnprocessableEntityResponse({ description: 'SETTINGS_INVALID (details.problems), không lưu gì' })
  put(@CurrentActor() actor: Actor, @Body() body: SettingsBody): Promise<SettingsSavedDto> {
    return this.settings.put(actor, body);
  }

  @Get('audit')
  @ApiOkResponse({ type: AuditPageDto, description: 'Nhật ký quản trị, mới nhất trước, phân trang (nextCursor)' })
  async audit(@CurrentActor() actor: Actor, @Query() q: AuditQuery): Promise<AuditPageDto> {
    const after = q.cursor ? decodeCursor<{ t: string; id: string }>(q.cursor, (c) => isTimeAndId(c, 't')) : undefined;
    const page = await listAdminAudit(this.dataSource, organizationOf(actor), { limit: q.limit, after: after ? { createdAt: after.t, id: after.id } : undefined });
    return { items: page.items, nextCursor: page.next ? encodeCursor({ t: page.next.createdAt, id: page.next.id }) : null };
  }
}
