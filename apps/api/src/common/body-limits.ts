import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json, urlencoded } from 'express';
import { DEFAULT_MESSAGES } from './error-codes';

/** Every JSON (and form) body: at most this, refused before parsing (413 PAYLOAD_TOO_LARGE). */
export const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024;

/**
 * The routes that need more, and how much: a draft or a period report carries the text of a
 * document (20,000 characters, up to 6 bytes each as JSON escapes, and its attachments). Stated in the OpenAPI description and operations.
 */
export const LARGE_BODY_ROUTES: ReadonlyArray<{ path: RegExp; limitBytes: number }> = [
  { path: /^\/tasks\/[^/]+\/(save-draft|submit-report)\/?$/, limitBytes: 256 * 1024 },
];

export function bodyLimitOf(path: string): number {
  return LARGE_BODY_ROUTES.find((r) => r.path.test(path))?.limitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
}

/** body-parser's errors (`type`, `status`) as the API's answers; null: not one of them. */
export function bodyParserAnswer(err: unknown, limitBytes: number): { status: number; code: string; message: string; details?: Record<string, unknown> } | null {
  const e = err as { type?: unknown; status?: unknown; charset?: unknown };
  if (!e || typeof e.type !== 'string') return null;
  switch (e.type) {
    case 'entity.too.large':
    case 'parameters.too.many':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(limitBytes / 1024)} KB).`, details: { limitBytes } };
    case 'entity.parse.failed':
      return { status: 400, code: 'MALFORMED_JSON', message: 'Dữ liệu gửi lên không phải JSON hợp lệ.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Bảng mã của dữ liệu gửi lên không được hỗ trợ; vui lòng gửi UTF-8.' };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, code: 'VALIDATION_FAILED', message: DEFAULT_MESSAGES.VALIDATION_FAILED };
    default:
      return typeof e.status === 'number' && e.status >= 400 && e.status < 500
        ? { status: e.status, code: 'VALIDATION_FAILED', message: DEFAULT_MESSAGES.VALIDATION_FAILED }
        : null;
  }
}

/**
 * The body parsers of the API (Nest's own are turned off): JSON and forms, limited per route
 * before anything is parsed, and their refusals answered `{ code, message }` here (they happen
 * before Nest's exception filter can see the request).
 */
export function bodyParsers(): RequestHandler {
  const parsers = new Map<number, RequestHandler[]>();
  const parsersOf = (limit: number): RequestHandler[] => {
    let p = parsers.get(limit);
    if (!p) {
      p = [json({ limit }), urlencoded({ extended: true, limit, parameterLimit: 200 })];
      parsers.set(limit, p);
    }
    return p;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const limit = bodyLimitOf(req.path);
    const [jsonParser, formParser] = parsersOf(limit);
    const done = (err?: unknown) => {
      if (!err) return next();
      const answer = bodyParserAnswer(err, limit);
      if (!answer) return next(err);
      // pino-http has not run yet: the request id is made here (and echoed) the way it makes them.
      const incoming = req.headers['x-request-id'];
      const requestId = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', requestId);
      res.status(answer.status).json({ code: answer.code, message: answer.message, ...(answer.details ? { details: answer.details } : {}), requestId });
    };
    jsonParser(req, res, (err?: unknown) => (err ? done(err) : formParser(req, res, done)));
  };
}
