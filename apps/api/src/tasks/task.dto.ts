import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { TASK_STATES } from '@app/domain';

export class ListTasksQuery {
  @ApiProperty({ example: 'SNV-BD', description: 'Mã tổ chức (Sở)' })
  @IsString()
  @Matches(/^[A-Z0-9-]{2,32}$/)
  organization: string;

  @ApiPropertyOptional({ enum: TASK_STATES })
  @IsOptional()
  @IsIn(TASK_STATES)
  state?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'Con trỏ trang tiếp theo (nextCursor của trang trước)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class TaskSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() workflowId: string;
  @ApiProperty({ nullable: true, type: String }) planId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'II.2' }) rowKey: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) ownerUnitCode: string | null;
  @ApiProperty({ enum: TASK_STATES }) state: string;
  @ApiProperty({ example: 'OPEN_ON_TIME' }) statusWord: string;
  @ApiProperty({ example: 'Đang thực hiện trong hạn' }) statusLabel: string;
  @ApiProperty({ nullable: true, type: String, example: '2023-02-28' }) dueOn: string | null;
  @ApiProperty({ nullable: true, type: String }) extendedDueOn: string | null;
  @ApiProperty() version: number;
  @ApiProperty() lastActivityAt: string;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskSummaryDto] }) items: TaskSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TaskEventDto {
  @ApiProperty() type: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty({ nullable: true, type: String }) toState: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) onBehalfOfUserId: string | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: Object }) payload: Record<string, unknown>;
}

export class TaskDetailDto extends TaskSummaryDto {
  @ApiProperty() leadRaw: string;
  @ApiProperty() coordinatingRaw: string;
  @ApiProperty() timelineRaw: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: [TaskEventDto] }) history: TaskEventDto[];
}
