/**
 * `Content-Disposition: attachment` for a file name with Vietnamese letters (RFC 6266): an ASCII
 * `filename` for old clients ("Tiến độ" → "Tien do") and the name as written in `filename*`
 * (RFC 5987: UTF-8, percent-encoded), which every current browser prefers.
 */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** Percent-encodes everything but RFC 5987's attr-char (encodeURIComponent leaves ' ( ) * as they are). */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The name without diacritics, anything else outside printable ASCII (and quotes, backslashes) as "_". */
export function asciiFallback(fileName: string): string {
  return fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
}
