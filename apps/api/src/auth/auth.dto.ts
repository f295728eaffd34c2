import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@app/domain';

export class LoginDto {
  @ApiProperty({ example: 'vp.truongphong' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'demo1234', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'Refresh token nhận được khi đăng nhập hoặc làm mới phiên lần trước' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class UnitRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'VP' }) code: string;
  @ApiProperty({ example: 'Văn phòng Sở' }) name: string;
}

export class OrganizationRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'SNV-BD' }) code: string;
  @ApiProperty({ example: 'Sở Nội vụ tỉnh Bình Định' }) name: string;
}

export class DelegationDto {
  @ApiProperty() userId: string;
  @ApiProperty({ example: 'Lê Minh Tuấn' }) fullName: string;
}

export class DelegationOptionDto {
  @ApiProperty({ description: 'Giám đốc được ký thay' }) userId: string;
  @ApiProperty({ example: 'giamdoc' }) username: string;
  @ApiProperty({ example: 'Lê Minh Tuấn' }) fullName: string;
  @ApiProperty({ example: 'Giám đốc' }) title: string;
  @ApiProperty({ description: 'Ủy quyền (POST /delegations)' }) grantId: string;
  @ApiProperty({ example: '2026-12-07' }) startsOn: string;
  @ApiProperty({ example: '2026-12-18' }) endsOn: string;
  @ApiProperty({ description: 'true: đang có hiệu lực (gửi X-On-Behalf-Of được ngay); false: sắp có hiệu lực' }) inForce: boolean;
  @ApiProperty({ type: [String], nullable: true, description: 'Chỉ nhiệm vụ của các đơn vị này; null: mọi đơn vị' }) unitCodes: string[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'Chỉ các thao tác này; null: mọi thao tác' }) actions: string[] | null;
}

export class UserProfileDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'pgd.a' }) username: string;
  @ApiProperty({ example: 'Nguyễn Thị Phương' }) fullName: string;
  @ApiProperty({ example: 'Phó Giám đốc' }) title: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['deputyDirector'] }) roles: Role[];
  @ApiProperty({ type: OrganizationRefDto }) organization: OrganizationRefDto;
  @ApiProperty({ type: UnitRefDto, nullable: true }) unit: UnitRefDto | null;
  @ApiProperty({ type: [UnitRefDto], description: 'Đơn vị Phó Giám đốc phụ trách' }) portfolioUnits: UnitRefDto[];
}

export class MeDto extends UserProfileDto {
  @ApiProperty({
    type: DelegationDto,
    nullable: true,
    description: 'Giám đốc mà người dùng đang ký thay (KT.) theo header X-On-Behalf-Of',
  })
  actingOnBehalfOf: DelegationDto | null;
}

export class AuthSessionDto {
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'JWT gửi kèm mỗi yêu cầu: Authorization: Bearer <accessToken>' }) accessToken: string;
  @ApiProperty({ example: 900, description: 'Số giây accessToken còn hiệu lực' }) expiresIn: number;
  @ApiProperty({ description: 'Dùng một lần để lấy cặp token mới (POST /auth/refresh)' }) refreshToken: string;
  @ApiProperty() refreshExpiresAt: string;
  @ApiProperty({ type: UserProfileDto }) user: UserProfileDto;
}
