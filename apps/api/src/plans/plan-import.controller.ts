import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { UploadErrors } from '../uploads/upload-errors.interceptor';
import type { UploadedFileData } from '../uploads/uploaded-file';
import { ConfirmPlanImportBody, PlanImportConfirmationDto, PlanImportDto, PutUnitMappingsBody, UploadPlanForm } from './plan-import.dto';
import { PlanImportersOnly } from './plan-importers.guard';
import { PlanImportService } from './plan-import.service';

@ApiTags('plans')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'FORBIDDEN: chỉ bộ phận theo dõi (monitor) được nhập kế hoạch' })
@UseGuards(PlanImportersOnly)
@Controller('plans/imports')
export class PlanImportController {
  constructor(private readonly imports: PlanImportService) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadPlanForm })
  @ApiCreatedResponse({
    type: PlanImportDto,
    description:
      'Bản xem trước; chưa có gì của kế hoạch được lưu. Kế hoạch không có bảng phụ lục: `candidates` (nhiệm vụ đề xuất từ văn bản) và cảnh báo APPENDIX_NOT_ATTACHED khi văn bản nhắc đến phụ lục không có trong tệp; gửi kèm tệp phụ lục trong trường `appendix` để lấy các dòng từ đó',
  })
  @ApiPayloadTooLargeResponse({ description: 'FILE_TOO_LARGE (PLAN_IMPORT_MAX_BYTES)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_FILE_TYPE, UNSUPPORTED_FILE: không phải .docx, .xlsx, .txt' })
  @ApiUnprocessableEntityResponse({ description: 'UNREADABLE_FILE, FILE_EMPTY' })
  @UseInterceptors(
    UploadErrors('file', (env) => env.PLAN_IMPORT_MAX_BYTES),
    FileFieldsInterceptor([
      { name: 'file', maxCount: 1 },
      { name: 'appendix', maxCount: 1 },
    ]),
  )
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFiles() files: { file?: UploadedFileData[]; appendix?: UploadedFileData[] } | undefined,
    @Body() form: UploadPlanForm,
  ): Promise<PlanImportDto> {
    return this.imports.upload(actor, files?.file?.[0], form.year, files?.appendix?.[0]);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanImportDto })
  @ApiNotFoundResponse({ description: 'PLAN_IMPORT_NOT_FOUND' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<PlanImportDto> {
    return this.imports.get(actor, id);
  }

  @Put(':id/unit-mappings')
  @ApiOkResponse({
    type: PlanImportDto,
    description: 'Bản xem trước đọc lại với các đơn vị đã chọn cho những tên không có trong danh mục (lỗi UNKNOWN_UNIT của các tên đó không còn); danh mục không đổi',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ description: 'PLAN_IMPORT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'PLAN_IMPORT_CONFIRMED, PLAN_IMPORT_DISCARDED' })
  @ApiUnprocessableEntityResponse({
    description: 'UNIT_NOT_FOUND (mã đơn vị không có trong danh mục), UNIT_MAPPING_NAME_UNKNOWN (tên không phải tên chưa xác định của bản xem trước), UNIT_MAPPING_DUPLICATE; không có gì được lưu',
  })
  mapUnits(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: PutUnitMappingsBody,
  ): Promise<PlanImportDto> {
    return this.imports.mapUnits(actor, id, body.mappings);
  }

  @Post(':id/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanImportConfirmationDto, description: 'Xác nhận lần hai trả lại đúng kết quả lần đầu, không nhập thêm gì' })
  @ApiUnprocessableEntityResponse({
    description:
      'PLAN_HAS_ERRORS (details.errors: mục, STT, ô), WARNINGS_NOT_ACCEPTED, PLAN_HAS_NO_TASKS; với `candidates`: CANDIDATES_REFUSED (details.problems: [{code, candidateId, field, value, message}] — CANDIDATE_NOT_FOUND, CANDIDATE_DUPLICATE, CANDIDATE_UNIT_UNKNOWN, CANDIDATE_LEAD_MISSING, CANDIDATE_TIMELINE_UNREADABLE), PLAN_HAS_NO_CANDIDATES; không có gì được lưu',
  })
  confirm(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ConfirmPlanImportBody,
  ): Promise<PlanImportConfirmationDto> {
    return this.imports.confirm(actor, id, body);
  }

  @Delete(':id')
  @ApiOkResponse({ type: PlanImportDto, description: 'Bản nhập bị hủy; không ảnh hưởng kế hoạch đã có' })
  discard(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<PlanImportDto> {
    return this.imports.discard(actor, id);
  }
}
