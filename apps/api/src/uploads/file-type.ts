import { DomainError } from '@app/domain';

/**
 * What a file is, decided by its extension and confirmed by its first bytes: a "report.pdf" that is
 * really an executable, or a "plan.docx" that is a renamed .doc, is refused before anything reads
 * or stores it. The content type sent to browsers comes from here, never from the client.
 */

export interface FileTypeSpec {
  contentType: string;
  /** People's name of the format, in error messages. */
  label: string;
  matches(content: Buffer): boolean;
}

const startsWith = (signature: number[]) => (content: Buffer) =>
  content.length >= signature.length && signature.every((byte, i) => content[i] === byte);

const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);
const OLE = startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** A zip whose part names (stored in plain bytes in its directory) include `part`. */
const zipWith = (part: string) => (content: Buffer) => ZIP(content) && content.includes(part);

/** UTF-8 (or UTF-16 with a byte-order mark) text without NUL bytes, and no renamed archive. */
function isText(content: Buffer): boolean {
  if (ZIP(content) || OLE(content)) return false;
  const utf16 = (content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff);
  if (utf16) return true;
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

export const FILE_TYPES: Readonly<Record<string, FileTypeSpec>> = {
  pdf: { contentType: 'application/pdf', label: 'PDF', matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  doc: { contentType: 'application/msword', label: 'Word 97–2003 (.doc)', matches: OLE },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (.docx)',
    matches: zipWith('word/'),
  },
  xls: { contentType: 'application/vnd.ms-excel', label: 'Excel 97–2003 (.xls)', matches: OLE },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (.xlsx)', matches: zipWith('xl/') },
  ppt: { contentType: 'application/vnd.ms-powerpoint', label: 'PowerPoint 97–2003 (.ppt)', matches: OLE },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint (.pptx)',
    matches: zipWith('ppt/'),
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument (.odt)', matches: zipWith('application/vnd.oasis.opendocument.text') },
  ods: {
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument (.ods)',
    matches: zipWith('application/vnd.oasis.opendocument.spreadsheet'),
  },
  png: { contentType: 'image/png', label: 'PNG', matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { contentType: 'image/jpeg', label: 'JPEG', matches: startsWith([0xff, 0xd8, 0xff]) },
  jpeg: { contentType: 'image/jpeg', label: 'JPEG', matches: startsWith([0xff, 0xd8, 0xff]) },
  txt: { contentType: 'text/plain; charset=utf-8', label: 'văn bản (.txt)', matches: isText },
  md: { contentType: 'text/markdown; charset=utf-8', label: 'văn bản (.md)', matches: isText },
  csv: { contentType: 'text/csv; charset=utf-8', label: 'CSV', matches: isText },
};

/** Plan files POST /plans/imports reads (the parser's formats). */
export const PLAN_FILE_TYPES: readonly string[] = ['docx', 'xlsx', 'txt', 'md'];

export interface RecognizedFile {
  extension: string;
  contentType: string;
}

export function extensionOf(fileName: string): string {
  return /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
}

/**
 * The name as people see it, safe to store and to send back: the last path segment only (browsers
 * on Windows send "C:\fakepath\…"), no control characters, at most 255 characters, Unicode NFC
 * (a Vietnamese name typed on macOS arrives decomposed).
 */
export function safeFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!clean || clean === '.' || clean === '..') return 'tep-dinh-kem';
  if (clean.length <= 255) return clean;
  const extension = extensionOf(clean);
  return extension && extension.length < 20 ? `${clean.slice(0, 254 - extension.length)}.${extension}` : clean.slice(0, 255);
}

/**
 * Checks that a file is of one of the `allowed` types (by extension) and that its bytes are of that
 * type. Refuses with 415 UNSUPPORTED_FILE_TYPE otherwise; an empty file with 422 FILE_EMPTY.
 */
export function recognizeFile(fileName: string, content: Buffer, allowed: readonly string[]): RecognizedFile {
  if (content.length === 0) throw new DomainError('FILE_EMPTY', `Tệp "${fileName}" rỗng.`, { fileName });
  const extension = extensionOf(fileName);
  const spec = allowed.includes(extension) ? FILE_TYPES[extension] : undefined;
  if (!spec) {
    throw new DomainError(
      'UNSUPPORTED_FILE_TYPE',
      `Không nhận loại tệp ${extension ? `".${extension}"` : 'không có phần mở rộng'} ("${fileName}"); chỉ nhận: ${allowed.map((t) => `.${t}`).join(', ')}.`,
      { fileName, allowed: [...allowed] },
    );
  }
  if (!spec.matches(content)) {
    throw new DomainError('UNSUPPORTED_FILE_TYPE', `Nội dung tệp "${fileName}" không phải định dạng ${spec.label} như phần mở rộng ghi.`, {
      fileName,
      extension,
    });
  }
  return { extension, contentType: spec.contentType };
}
