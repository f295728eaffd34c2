import { Controller, Delete, Get, Header, HttpCode, HttpStatus, Injectable, Param, ParseUUIDPipe, Post, StreamableFile, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Env } from '@app/config';
import { DomainError } from '@app/domain';
import { applyDirectoryImport, DirectoryFileRows, DirectoryImportPlan, listPeople, listUnits, planDirectoryImport } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { organizationOf } from '../common/actor-organization';
import { recognizeFile, safeFileName } from '../uploads/file-type';
import { UploadErrors } from '../uploads/upload-errors.interceptor';
import type { UploadedFileData } from '../uploads/uploaded-file';
import { DirectoryImportConfirmedDto, DirectoryImportDto, DirectoryImportResultDto } from './admin.dto';
import { AdminGuard } from './admin.guard';
import { directoryTemplate, readDirectoryFile } from './directory-spreadsheet';

/** Largest directory spreadsheet (a few thousand people fit in far less). */
export const DIRECTORY_FILE_MAX_BYTES = 5 * 1024 * 1024;

interface StoredImport {
  id: string;
  file_name: string;
  status: 'preview' | 'confirmed' | 'discarded';
  rows: { file: DirectoryFileRows; fingerprint: string };
  /** The JSON of applyDirectoryImport's result, once confirmed. */
  result: DirectoryImportResultDto | null;
}

/**
 * Directory from a spreadsheet: upload → preview (each row's errors, what would change) → confirm.
 * Nothing of the directory is stored before confirm, nor while any row has an error; the same
 * file again changes nothing; confirm refuses (409) when the directory moved since the preview,
 * answering the new one, so what is stored is always what was shown.
 */
@Injectable()
export class DirectoryImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
  ) {}

  async template(actor: Actor): Promise<Buffer> {
    const org = organizationOf(actor);
    return directoryTemplate(await listUnits(this.dataSource, org), await listPeople(this.dataSource, org));
  }

  async upload(actor: Actor, file: UploadedFileData | undefined) {
    if (!file) throw new DomainError('FILE_REQUIRED', 'Cần gửi tệp danh mục (.xlsx hoặc .csv) trong trường "file".');
    const fileName = safeFileName(file.originalname);
    recognizeFile(fileName, file.buffer, ['xlsx', 'csv']);
    const rows = await readDirectoryFile(fileName, file.buffer);
    const plan = await planDirectoryImport(this.dataSource, organizationOf(actor), rows);
    const [stored] = await this.dataSource.query(
      `INSERT INTO directory_imports (organization_id, uploaded_by, file_name, sha256, rows) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [organizationOf(actor), actor.userId, fileName, createHash('sha256').update(file.buffer).digest('hex'), JSON.stringify({ file: rows, fingerprint: plan.fingerprint })],
    );
    return this.answer({ id: stored.id, file_name: fileName, status: 'preview', rows: { file: rows, fingerprint: plan.fingerprint }, result: null }, plan);
  }

  async get(actor: Actor, id: string) {
    const stored = await this.load(this.dataSource, actor, id);
    return this.answer(stored, stored.status === 'preview' ? await planDirectoryImport(this.dataSource, organizationOf(actor), stored.rows.file) : null);
  }

  async discard(actor: Actor, id: string) {
    const stored = await this.load(this.dataSource, actor, id);
    if (stored.status === 'confirmed') throw new DomainError('PLAN_IMPORT_CONFIRMED', 'Tệp danh mục đã được nhập, không hủy được.');
    await this.dataSource.query(`UPDATE directory_imports SET status = 'discarded' WHERE id = $1`, [id]);
  }

  async confirm(actor: Actor, id: string): Promise<DirectoryImportConfirmedDto> {
    const organizationId = organizationOf(actor);
    const outcome = await this.dataSource.transaction(async (tx) => {
      // One directory change of an organization at a time: the plan checked is the plan stored.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('directory:' || $1))`, [organizationId]);
      const stored = await this.load(tx.connection, actor, id, tx);
      if (stored.status === 'confirmed') return { stored, plan: null };
      if (stored.status === 'discarded') throw new DomainError('DIRECTORY_IMPORT_DISCARDED', 'Tệp danh mục đã bị hủy.');
      const plan = await planDirectoryImport(tx, organizationId, stored.rows.file);
      if (!plan.importable) {
        throw new DomainError('DIRECTORY_IMPORT_HAS_ERRORS', `Tệp còn ${plan.errors.length} lỗi: sửa tệp rồi tải lên lại. Chưa có gì được lưu.`, { errors: plan.errors });
      }
      if (plan.fingerprint !== stored.rows.fingerprint) {
        await tx.query(`UPDATE directory_imports SET rows = jsonb_set(rows, '{fingerprint}', to_jsonb($2::text)) WHERE id = $1`, [id, plan.fingerprint]);
        return { stale: plan, stored };
      }
      const result = await applyDirectoryImport(tx, { organizationId, actorUserId: actor.userId, publicUrl: this.env.PUBLIC_URL }, plan, id);
      await tx.query(`UPDATE directory_imports SET status = 'confirmed', result = $2, confirmed_at = now() WHERE id = $1`, [id, JSON.stringify(result)]);
      return { stored: { ...stored, status: 'confirmed' as const, result }, plan };
    });
    if ('stale' in outcome && outcome.stale) {
      throw new DomainError('DIRECTORY_IMPORT_STALE', 'Danh mục đã thay đổi từ khi xem trước: xem lại các thay đổi rồi xác nhận lại.', {
        preview: this.answer(outcome.stored, outcome.stale),
      });
    }
    return { id, status: 'confirmed', result: outcome.stored.result! };
  }

  private async load(db: DataSource, actor: Actor, id: string, tx?: import('typeorm').EntityManager): Promise<StoredImport> {
    const [row] = await (tx ?? db).query(
      `SELECT id, file_name, status, rows, result FROM directory_imports WHERE id = $1 AND organization_id = $2 ${tx ? 'FOR UPDATE' : ''}`,
      [id, organizationOf(actor)],
    );
    if (!row) throw new DomainError('DIRECTORY_IMPORT_NOT_FOUND', 'Không tìm thấy tệp danh mục đã tải lên.');
    return row;
  }

  private answer(stored: StoredImport, plan: DirectoryImportPlan | null): DirectoryImportDto {
    const summary = plan
      ? plan.errors.length
        ? `Tệp có ${plan.errors.length} lỗi; chưa nhập được.`
        : plan.noChanges
          ? 'Danh mục đã đúng như tệp: không có gì thay đổi.'
          : `Sẽ thêm ${plan.units.create.length} đơn vị, sửa ${plan.units.update.length}; thêm ${plan.people.create.length} người, sửa ${plan.people.update.length}.`
      : null;
    return {
      id: stored.id,
      fileName: stored.file_name,
      status: stored.status,
      importable: plan?.importable ?? false,
      noChanges: plan?.noChanges ?? null,
      errors: plan?.errors ?? [],
      units: plan?.units ?? null,
      people: plan?.people ?? null,
      summary,
      result: stored.result,
    };
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'FORBIDDEN: chỉ quản trị hệ thống của cơ quan' })
@UseGuards(AdminGuard)
@Controller('admin/directory')
export class DirectoryImportController {
  constructor(private readonly imports: DirectoryImportService) {}

  @Get('template.xlsx')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', `attachment; filename="danh-muc.xlsx"; filename*=UTF-8''danh-m%E1%BB%A5c.xlsx`)
  @ApiOkResponse({ description: 'Tệp mẫu: trang Đơn vị, Người dùng, Phụ trách (điền sẵn danh mục hiện có) và Hướng dẫn' })
  async template(@CurrentActor() actor: Actor): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.template(actor));
  }

  @Post('imports')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: DirectoryImportDto, description: 'Bản xem trước: lỗi từng dòng và các thay đổi; chưa lưu gì' })
  @ApiUnprocessableEntityResponse({ description: 'UNREADABLE_FILE, FILE_EMPTY' })
  @UseInterceptors(
    UploadErrors('file', () => DIRECTORY_FILE_MAX_BYTES),
    FileInterceptor('file', { limits: { fileSize: DIRECTORY_FILE_MAX_BYTES, files: 1, fields: 5, parts: 6 }, defParamCharset: 'utf8' }),
  )
  upload(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedFileData | undefined) {
    return this.imports.upload(actor, file);
  }

  @Get('imports/:id')
  @ApiOkResponse({ type: DirectoryImportDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.imports.get(actor, id);
  }

  @Post('imports/:id/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: DirectoryImportConfirmedDto, description: 'Đã nhập: số đơn vị, người thêm và sửa, thư mời đã gửi; xác nhận lần hai trả lại kết quả lần đầu' })
  @ApiUnprocessableEntityResponse({ description: 'DIRECTORY_IMPORT_HAS_ERRORS (details.errors), không lưu gì' })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.imports.confirm(actor, id);
  }

  @Delete('imports/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  discard(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.imports.discard(actor, id);
  }
}
