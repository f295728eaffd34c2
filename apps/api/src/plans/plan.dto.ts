import { ApiProperty } from '@nestjs/swagger';
import { STATUS_WORDS, StatusWord } from '@app/domain';
import { PageQueryOf } from '../common/page.query';

/** Plans, 20 a page (at most 100). */
export class ListPlansQuery extends PageQueryOf({ limit: 20, max: 100 }) {}

export type StatusCounts = Record<StatusWord, number>;

export const STATUS_WORD_KEYS = Object.keys(STATUS_WORDS) as StatusWord[];

/** Tasks counted by status word (WORKFLOW.md), every word present. */
export class ProgressDto {
  @ApiProperty() total: number;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(STATUS_WORD_KEYS.map((k) => [k, { type: 'number', description: STATUS_WORDS[k] }])),
    required: STATUS_WORD_KEYS,
    selfRequired: true,
  })
  byStatus: StatusCounts;
}

export class PlanSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, example: '25/KH-SNV' }) number: string | null;
  @ApiProperty({ nullable: true, type: String }) issuer: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2023-02-03' }) issuedOn: string | null;
  @ApiProperty() startYear: number;
  @ApiProperty() endYear: number;
  @ApiProperty({ nullable: true, type: String }) sourceFileName: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: ProgressDto, description: 'Các dòng (nhiệm vụ) của kế hoạch theo trạng thái' }) progress: ProgressDto;
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanSummaryDto] }) items: PlanSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SectionProgressDto extends ProgressDto {
  @ApiProperty({ example: 'II' }) code: string;
  @ApiProperty() title: string;
}

export class UnitProgressDto extends ProgressDto {
  @ApiProperty() unitId: string;
  @ApiProperty({ example: 'VP' }) code: string;
  @ApiProperty() name: string;
}

export class PlanDetailDto extends PlanSummaryDto {
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ nullable: true, type: String }) signerName: string | null;
  @ApiProperty() signedOnBehalf: boolean;
  @ApiProperty({ type: [SectionProgressDto], description: 'Theo mục của phụ lục: mỗi dòng một nhiệm vụ' }) sections: SectionProgressDto[];
  @ApiProperty({
    type: [UnitProgressDto],
    description: 'Theo đơn vị chủ trì: dòng do một đơn vị chủ trì, và phần việc của từng đơn vị ở các dòng do nhiều đơn vị chủ trì',
  })
  units: UnitProgressDto[];
}
