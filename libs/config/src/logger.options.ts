import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { Env } from './env.schema';

/**
 * Structured JSON logs (pino) for every app. Secrets never reach the logs: credentials in headers
 * and bodies are redacted, and connection strings are not logged. Every HTTP request gets a
 * request id (taken from `X-Request-Id` when a proxy set one) that is echoed in the response.
 */
export function loggerOptions(app: 'api' | 'worker' | 'cli') {
  return {
    inject: [Env],
    useFactory: (env: Env): Params => ({
      pinoHttp: {
        level: env.LOG_LEVEL,
        base: { app },
        redact: {
          paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.passwordHash'],
          censor: '[redacted]',
        },
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const incoming = req.headers['x-request-id'];
          const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
        autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
      },
    }),
  };
}
