import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { InboxCountsDto, InboxPageDto, InboxQuery, NotificationPageDto, NotificationQuery, NotificationsMarkedDto } from './inbox.dto';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED hoặc TOKEN_EXPIRED' })
@Controller('me')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get('inbox')
  @ApiOkResponse({ type: InboxPageDto, description: 'Một hộp công việc, phân trang theo con trỏ (nextCursor)' })
  box(@CurrentActor() actor: Actor, @Query() query: InboxQuery): Promise<InboxPageDto> {
    return this.inbox.inbox(actor, query);
  }

  @Get('inbox/counts')
  @ApiOkResponse({ type: InboxCountsDto, description: 'Số việc của từng hộp và số thông báo chưa đọc' })
  counts(@CurrentActor() actor: Actor): Promise<InboxCountsDto> {
    return this.inbox.counts(actor);
  }

  @Get('notifications')
  @ApiOkResponse({ type: NotificationPageDto })
  notifications(@CurrentActor() actor: Actor, @Query() query: NotificationQuery): Promise<NotificationPageDto> {
    return this.inbox.notifications(actor, query);
  }

  @Post('notifications/read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: NotificationsMarkedDto })
  readAll(@CurrentActor() actor: Actor): Promise<NotificationsMarkedDto> {
    return this.inbox.markAllRead(actor);
  }

  @Post('notifications/:id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: NotificationsMarkedDto })
  @ApiNotFoundResponse({ description: 'NOTIFICATION_NOT_FOUND (cả thông báo của người khác)' })
  read(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<NotificationsMarkedDto> {
    return this.inbox.markRead(actor, id);
  }
}
