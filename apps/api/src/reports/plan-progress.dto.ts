import { ApiProperty } from '@nestjs/swagger';
import type { StatusWord } from '@app/domain';
import { ProgressDto } from '../plans/plan.dto';

/** One unit's own task under a group-led row ("Các đơn vị thuộc, trực thuộc Sở" as chủ trì). */
export class PlanProgressUnitLineDto {
  @ApiProperty() taskId: string;
  @ApiProperty({ nullable: true, type: String, example: 'BTG' }) unitCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Ban Tôn giáo' }) unitName: string | null;
  @ApiProperty({ example: 'DRAFTING' }) state: string;
  @ApiProperty({ example: 'Đang dự thảo' }) stateLabel: string;
  @ApiProperty({ example: 'OPEN_OVERDUE', description: 'Tình trạng tính đến ngày báo cáo' }) statusWord: StatusWord;
  @ApiProperty({ example: 'Đang thực hiện quá hạn' }) statusLabel: string;
  @ApiProperty({ nullable: true, type: String }) dueOn: string | null;
  @ApiProperty({ nullable: true, type: String }) extendedDueOn: string | null;
  @ApiProperty({ nullable: true, type: String }) completedOn: string | null;
  @ApiProperty({ type: [String], description: 'Kết quả thực hiện, từng dòng' }) result: string[];
}

/** One row of the appendix with what was done. */
export class PlanProgressRowDto extends PlanProgressUnitLineDto {
  @ApiProperty({ nullable: true, type: String, example: 'II.2' }) rowKey: string | null;
  @ApiProperty({ example: '2', description: 'STT as printed (restarts in each section)' }) stt: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Cơ quan chủ trì, as printed' }) lead: string;
  @ApiProperty({ description: 'Cơ quan phối hợp, as printed' }) coordinating: string;
  @ApiProperty({ description: 'Thời gian thực hiện, as printed' }) timeline: string;
  @ApiProperty({ description: 'Ghi chú' }) note: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Other columns of the appendix, as printed' })
  extra: Record<string, string>;
  @ApiProperty({ type: [PlanProgressUnitLineDto], description: 'A group-led row: each unit’s own task' }) units: PlanProgressUnitLineDto[];
}

export class PlanProgressSectionDto {
  @ApiProperty({ nullable: true, type: String, example: 'II' }) code: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'CẢI CÁCH THỂ CHẾ' }) title: string | null;
  @ApiProperty({ type: [PlanProgressRowDto] }) rows: PlanProgressRowDto[];
}

export class PlanProgressPlanDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) number: string | null;
  @ApiProperty({ nullable: true, type: String }) issuer: string | null;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
  @ApiProperty() startYear: number;
  @ApiProperty() endYear: number;
}

export class PlanProgressReportDto {
  @ApiProperty({ example: { code: 'SNV-BD', name: 'Sở Nội vụ tỉnh Bình Định' } }) organization: { code: string; name: string };
  @ApiProperty({ type: PlanProgressPlanDto }) plan: PlanProgressPlanDto;
  @ApiProperty({ example: '2025-03-31', description: 'Tính đến ngày (Asia/Ho_Chi_Minh)' }) asOf: string;
  @ApiProperty({ type: [String], description: 'Extra appendix columns present in the plan, in order' }) extraColumns: string[];
  @ApiProperty({ type: [PlanProgressSectionDto] }) sections: PlanProgressSectionDto[];
  @ApiProperty({ type: ProgressDto, description: 'The plan’s rows by status word (a group-led row once)' }) totals: ProgressDto;
}
