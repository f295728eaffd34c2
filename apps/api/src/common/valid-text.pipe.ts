import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, findInvalidText, invalidTextMessage, MAX_JSON_DEPTH, TooDeepError } from '@app/domain';

/**
 * The one rule at the API boundary for text (libs/domain text/valid-text): every string of the
 * parsed body, the query, the path parameters and an uploaded file's name (multipart fields are the
 * body), keys included, is text that Postgres and people can hold, else 422 INVALID_TEXT naming
 * the field; a body nested deeper than 32 is 400 JSON_TOO_DEEP. Runs before the ValidationPipe,
 * so nothing downstream (class-transformer, services, the workflow, Postgres) sees either.
 */
@Injectable()
export class ValidTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const root = rootOf(value, metadata);
    if (!root) return value;
    try {
      const found = findInvalidText(value, root);
      if (found) throw new DomainError('INVALID_TEXT', invalidTextMessage(found), { field: found.field, problem: found.problem, position: found.index + 1 });
    } catch (err) {
      if (err instanceof TooDeepError) {
        throw new DomainError('JSON_TOO_DEEP', `Dữ liệu gửi lên lồng nhau quá ${MAX_JSON_DEPTH} cấp.`, { field: err.field, maxDepth: MAX_JSON_DEPTH });
      }
      throw err;
    }
    return value;
  }
}

/** The name of the argument's root in a field path; null: not user input (the actor, the response). */
function rootOf(value: unknown, metadata: ArgumentMetadata): string | null {
  if (metadata.type === 'body' || metadata.type === 'query') return metadata.data ? `${metadata.type}.${metadata.data}` : metadata.type;
  if (metadata.type === 'param') return metadata.data ? `param.${metadata.data}` : 'param';
  // @UploadedFile(): multer's file object; its name is the client's text, its bytes are not.
  if (value && typeof value === 'object' && 'originalname' in value && 'buffer' in value) return 'file';
  return null;
}
