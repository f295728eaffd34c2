import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';

/** The document's header: title, limits every route shares, bearer authentication. */
function openApiConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('Planflow API')
    .setDescription(
      'Theo dõi, đôn đốc thực hiện kế hoạch: nhiệm vụ, hộp công việc, báo cáo. Thân yêu cầu JSON tối đa 100 KB (413 PAYLOAD_TOO_LARGE), ' +
        'trừ save-draft và submit-report (256 KB: văn bản 20.000 ký tự và tệp đính kèm); lồng nhau tối đa 32 cấp (400 JSON_TOO_DEEP); văn bản không chứa NUL, ký tự điều khiển ' +
        '(trừ tab, xuống dòng) hay nửa cặp UTF-16 (422 INVALID_TEXT, nêu tên trường).',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'accessToken của POST /auth/login' })
    .build();
}

/** The OpenAPI document of an app's controllers (what `/docs/openapi.json` serves). */
export function openApiDocumentOf(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, openApiConfig());
}

/**
 * The same document without a server, a database or an environment: Nest's preview mode builds the
 * module graph (controllers' metadata, DTO classes) but instantiates no provider, so nothing connects.
 * `npm run api:types` generates the web client's types from it (infra/scripts/api-types.ts).
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocumentOf(app);
  } finally {
    await app.close();
  }
}
