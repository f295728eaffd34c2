import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { Env } from '@app/config';
import { AppModule } from './app.module';
import { bodyParsers } from './common/body-limits';
import { openApiDocumentOf } from './openapi';
import { serveWebApp } from './web/web-app';

export interface ApiAppOptions {
  /** Built web app to serve at `/` (default: WEB_DIR); null: the API alone. */
  webDir?: string | null;
}

/** Builds the HTTP app exactly as production runs it; tests use the same function. */
export async function createApiApp(options: ApiAppOptions = {}): Promise<INestApplication> {
  // Our own body parsers: limits per route before parsing, refusals as { code, message } (common/body-limits).
  const app = await NestFactory.create(AppModule, { bufferLogs: true, bodyParser: false });
  app.use(bodyParsers());
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => openApiDocumentOf(app), { jsonDocumentUrl: 'docs/openapi.json' });
  const webDir = options.webDir === undefined ? app.get(Env).WEB_DIR : options.webDir;
  if (webDir !== null) {
    const served = serveWebApp(app, webDir);
    new NestLogger('WebApp').log(served ? `serving the web app from ${webDir}` : `no web app at ${webDir} (npm run build builds it): API only`);
  }
  return app;
}
