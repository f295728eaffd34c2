import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQueryOf } from '../common/page.query';
import { TaskFilterQuery, TaskSummaryDto } from '../tasks/task.dto';
import { INBOX_BOXES, InboxBox } from '@app/persistence';

const INBOX_SORTS = ['dueOn', 'lastActivity'] as const;

/** `?unreadOnly=true`: query strings are text. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class InboxQuery extends TaskFilterQuery {
  @ApiProperty({ enum: INBOX_BOXES, description: 'draft: dự thảo của đơn vị; review: chờ ý kiến của đơn vị; approve: chờ tôi phê duyệt; extensions: đề nghị gia hạn chờ tôi quyết định; escalated: nhiệm vụ được chuyển lên lãnh đạo (đến tôi); overdue: quá hạn; waiting: chờ sự kiện; mine: việc của tôi (được giao cho tôi, dự thảo của đơn vị không giao cho người khác, với trưởng đơn vị cả ý kiến đơn vị cần cho); notifications: thông báo' })
  @IsIn(INBOX_BOXES)
  box: InboxBox;

  @ApiPropertyOptional({ enum: INBOX_SORTS, default: 'dueOn', description: 'dueOn: hạn gần nhất trước; lastActivity: mới hoạt động trước (không áp dụng cho notifications)' })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort?: (typeof INBOX_SORTS)[number];

  @ApiPropertyOptional({ description: 'Chỉ thông báo chưa đọc (box=notifications)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unreadOnly?: boolean;
}

/** Notifications, 20 a page (at most 100). */
export class NotificationQuery extends PageQueryOf({ limit: 20, max: 100 }) {
  @ApiPropertyOptional({ description: 'Chỉ thông báo chưa đọc' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unreadOnly?: boolean;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty() taskId: string;
  @ApiProperty({ example: 'ESCALATED_TO_DEPUTY', description: 'Loại sự kiện của nhiệm vụ đã sinh ra thông báo' }) type: string;
  @ApiProperty({ example: 'Quá hạn: báo cáo Phó Giám đốc phụ trách', description: 'Tên loại thông báo: tên của sự kiện như trong lịch sử nhiệm vụ' }) typeLabel: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty() link: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: TaskSummaryDto, nullable: true, description: 'Nhiệm vụ, khi người dùng còn được xem' }) task: TaskSummaryDto | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto], description: 'Mới nhất trước' }) items: NotificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'Số thông báo chưa đọc' }) unread: number;
}

@ApiExtraModels(TaskSummaryDto, NotificationDto)
export class InboxPageDto {
  @ApiProperty({ enum: INBOX_BOXES }) box: InboxBox;
  @ApiProperty({
    description: 'Nhiệm vụ (TaskSummaryDto); với box=notifications: thông báo (NotificationDto)',
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(TaskSummaryDto) }, { $ref: getSchemaPath(NotificationDto) }] },
  })
  items: Array<TaskSummaryDto | NotificationDto>;
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class InboxCountsDto {
  @ApiProperty() draft: number;
  @ApiProperty() review: number;
  @ApiProperty() approve: number;
  @ApiProperty({ description: 'Đề nghị gia hạn chờ tôi quyết định' }) extensions: number;
  @ApiProperty() escalated: number;
  @ApiProperty() overdue: number;
  @ApiProperty() waiting: number;
  @ApiProperty({ description: 'Việc của tôi (box=mine): con số của thẻ "Việc của tôi" và của menu' }) mine: number;
  @ApiProperty({ description: 'Thông báo chưa đọc' }) notifications: number;
}

export class NotificationsMarkedDto {
  @ApiProperty({ description: 'Số thông báo vừa đánh dấu đã đọc' }) marked: number;
  @ApiProperty({ description: 'Số thông báo còn chưa đọc' }) unread: number;
}
