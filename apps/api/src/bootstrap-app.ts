import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { Env } from '@app/config';
import { AppModule } from './app.module';
import { bodyParsers } from './common/body-limits';
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
  const doc = new DocumentBuilder()
    .setTitle('Planflow API')
    .setDescription(
      'Theo dõi, đôn đốc thực hiện kế hoạch: nhiệm vụ, hộp công việc, báo cáo. Thân yêu cầu JSON tối đa 100 KB (413 PAYLOAD_TOO_LARGE), ' +
        'trừ save-draft và submit-report (256 KB: văn bản 20.000 ký tự và tệp đính kèm); lồng nhau tối đa 32 cấp (400 JSON_TOO_DEEP); văn bản không chứa NUL, ký tự điều khiển ' +
        '(trừ tab, xuống dòng) hay nửa cặp UTF-16 (422 INVALID_TEXT, nêu tên trường).',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'accessToken của POST /auth/login' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
  const webDir = options.webDir === undefined ? app.get(Env).WEB_DIR : options.webDir;
  if (webDir !== null) {
    const served = serveWebApp(app, webDir);
    new NestLogger('WebApp').log(served ? `serving the web app from ${webDir}` : `no web app at ${webDir} (npm run build builds it): API only`);
  }
  return app;
}
