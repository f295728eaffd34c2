import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, mixin, NestInterceptor, PayloadTooLargeException, Type } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { Env } from '@app/config';
import { DomainError } from '@app/domain';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} byte`;
}

/**
 * Put before `FileInterceptor` (outermost): turns multer's refusals into the API's codes with
 * Vietnamese messages: 413 FILE_TOO_LARGE naming the limit, 400 UPLOAD_INVALID for a malformed
 * multipart body or a file in another field than `field`.
 */
export function UploadErrors(field: string, maxBytesOf: (env: Env) => number): Type<NestInterceptor> {
  @Injectable()
  class UploadErrorsInterceptor implements NestInterceptor {
    constructor(@Inject(Env) private readonly env: Env) {}

    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      return next.handle().pipe(
        catchError((err: unknown) => {
          if (err instanceof PayloadTooLargeException) {
            const maxBytes = maxBytesOf(this.env);
            return throwError(() => new DomainError('FILE_TOO_LARGE', `Tệp vượt quá dung lượng cho phép (${formatBytes(maxBytes)}).`, { maxBytes }));
          }
          // Multer's refusals carry one string; the ValidationPipe's (fields of the form) a list, kept as they are.
          if (err instanceof BadRequestException && typeof (err.getResponse() as { message?: unknown })?.message === 'string') {
            return throwError(
              () =>
                new DomainError('UPLOAD_INVALID', `Dữ liệu tải lên không hợp lệ: gửi một tệp trong trường "${field}" (multipart/form-data).`, {
                  reason: err.message,
                }),
            );
          }
          return throwError(() => err);
        }),
      );
    }
  }
  return mixin(UploadErrorsInterceptor);
}
