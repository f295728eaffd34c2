import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@app/domain';
import { DEPENDENCY_RETRY_AFTER_SECONDS, isDependencyOutage } from './dependency-outage';
import { DEFAULT_MESSAGES, ERROR_STATUS } from './error-codes';

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

const HTTP_CODES: Partial<Record<number, string>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
};

/**
 * One place that turns every error into `{ code, message, details? }`. Unknown errors become 500
 * with a request id and no internals; outages of Postgres or Temporal become 503 + Retry-After.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const requestId = req.id;
    let status: number;
    let body: ErrorBody;

    if (exception instanceof DomainError) {
      status = ERROR_STATUS[exception.code] ?? HttpStatus.BAD_REQUEST;
      body = { code: exception.code, message: exception.message, details: exception.details };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const response = exception.getResponse() as string | { message?: unknown; code?: string };
      const code = (typeof response === 'object' && response.code) || HTTP_CODES[status] || `HTTP_${status}`;
      const details = typeof response === 'object' && Array.isArray(response.message) ? response.message : undefined;
      body = { code, message: DEFAULT_MESSAGES[code] ?? (typeof response === 'string' ? response : 'Yêu cầu không hợp lệ.'), details };
    } else if (isDependencyOutage(exception)) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      res.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_SECONDS));
      body = { code: 'DEPENDENCY_UNAVAILABLE', message: DEFAULT_MESSAGES.DEPENDENCY_UNAVAILABLE };
      this.logger.warn({ requestId, err: String(exception) }, 'dependency unavailable');
    } else {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      body = { code: 'INTERNAL_ERROR', message: DEFAULT_MESSAGES.INTERNAL_ERROR };
      this.logger.error({ requestId, err: (exception as Error)?.stack ?? String(exception) }, 'unhandled error');
    }
    res.status(status).json({ ...body, requestId });
  }
}
