/**
 * The part of multer's file object the API reads (memory storage: the bytes are in `buffer`).
 * Declared here because @types/multer is not a dependency; @nestjs/platform-express bundles multer.
 */
export interface UploadedFileData {
  /** As the client sent it; decoded as UTF-8 (see `uploadOptions`). Never used as a path. */
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * Multer options of one upload route: memory storage, one file (plans: the plan and its appendix), a few small fields, names decoded
 * as UTF-8 ("Kế hoạch.docx" arrives as browsers send it; multer's default is latin1).
 */
export function uploadOptions(
  maxBytes: number,
  files = 1,
): {
  limits: { fileSize: number; files: number; fields: number; fieldSize: number; parts: number };
  defParamCharset: string;
} {
  return { limits: { fileSize: maxBytes, files, fields: 10, fieldSize: 64 * 1024, parts: 11 + files }, defParamCharset: 'utf8' };
}
