import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { organizationOf } from '../common/actor-organization';

export class DirectoryUnitDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'CCHC' }) code: string;
  @ApiProperty({ example: 'Phòng Cải cách hành chính - Văn thư, lưu trữ' }) name: string;
  @ApiProperty({ enum: ['internal', 'affiliated'], description: 'thuộc / trực thuộc Sở' }) kind: string;
  @ApiProperty({ type: [String], description: 'Tên gọi khác được nhận diện khi nhập kế hoạch', example: ['Phòng CCHC-VTLT'] }) aliases: string[];
}

export class DirectoryUnitListDto {
  @ApiProperty({ type: [DirectoryUnitDto] }) items: DirectoryUnitDto[];
}

/**
 * The unit directory of the caller's organization: what a lead unit names as coordinating units,
 * and the names a plan file must use (the import page lists them beside an unknown unit).
 * Every member may read it: the plan that names these units is sent to every unit.
 */
@ApiTags('directory')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED hoặc TOKEN_EXPIRED' })
@Controller('units')
export class UnitsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: DirectoryUnitListDto, description: 'Đơn vị của Sở, theo mã' })
  async list(@CurrentActor() actor: Actor): Promise<DirectoryUnitListDto> {
    const items: DirectoryUnitDto[] = await this.dataSource.query(
      `SELECT id, code, name, kind, aliases FROM units WHERE organization_id = $1 AND is_active ORDER BY code`,
      [organizationOf(actor)],
    );
    return { items };
  }
}
