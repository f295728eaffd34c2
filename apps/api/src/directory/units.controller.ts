import { Controller, Get, Param } from '@nestjs/common';
import { DomainError } from '@app/domain';
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

export class UnitPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) roles: string[];
}

export class UnitPeopleDto {
  @ApiProperty({ type: [UnitPersonDto] }) items: UnitPersonDto[];
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

  /** The active people of a unit (the officers a task of the unit is given to: "Giao cho cán bộ"). */
  @Get(':code/people')
  @ApiOkResponse({ type: UnitPeopleDto, description: 'Người đang làm việc của đơn vị, theo tên đăng nhập' })
  async people(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<UnitPeopleDto> {
    const organizationId = organizationOf(actor);
    const [unit]: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM units WHERE organization_id = $1 AND code = $2`, [organizationId, code]);
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', `Không tìm thấy đơn vị: ${code}.`, { unitCodes: [code] });
    const items: UnitPersonDto[] = await this.dataSource.query(
      `SELECT id, username, full_name AS "fullName", coalesce(title, '') AS title, roles FROM users
       WHERE organization_id = $1 AND unit_id = $2 AND is_active ORDER BY username`,
      [organizationId, unit.id],
    );
    return { items };
  }
}
