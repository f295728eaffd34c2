import { StreamableFile } from '@nestjs/common';
import { attachmentDisposition } from './content-disposition';
import { DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, type ReportDocument } from './report-document';
import { renderDocx } from './report-docx.writer';
import { renderXlsx } from './report-xlsx.writer';

export type ReportFormat = 'xlsx' | 'docx';

/** A report as a download: the file, its content type and its Vietnamese name (RFC 5987). */
export async function reportFile(doc: ReportDocument, format: ReportFormat): Promise<StreamableFile> {
  const bytes = format === 'xlsx' ? await renderXlsx(doc) : await renderDocx(doc);
  return new StreamableFile(bytes, {
    type: format === 'xlsx' ? XLSX_CONTENT_TYPE : DOCX_CONTENT_TYPE,
    disposition: attachmentDisposition(`${doc.fileName}.${format}`),
    length: bytes.length,
  });
}
