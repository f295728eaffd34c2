import { DomainError } from '@app/domain';
import { PLAN_FILE_TYPES, recognizeFile, safeFileName } from './file-type';

const refusal = (fn: () => unknown): Partial<DomainError> => {
  try {
    fn();
  } catch (err) {
    return { code: (err as DomainError).code, message: (err as DomainError).message };
  }
  throw new Error('not refused');
};

describe('recognizeFile', () => {
  const pdf = Buffer.from('%PDF-1.7\n…');
  const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml word/document.xml')]);
  const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml xl/workbook.xml')]);
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
  const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]);

  it('accepts a file whose bytes match its extension, with the content type of the extension', () => {
    expect(recognizeFile('Báo cáo.PDF', pdf, ['pdf'])).toEqual({ extension: 'pdf', contentType: 'application/pdf' });
    expect(recognizeFile('Kế hoạch.docx', docx, PLAN_FILE_TYPES)).toMatchObject({ extension: 'docx' });
    expect(recognizeFile('Phụ lục.xlsx', xlsx, PLAN_FILE_TYPES)).toMatchObject({ extension: 'xlsx' });
    expect(recognizeFile('kh.txt', Buffer.from('KẾ HOẠCH Cải cách hành chính năm 2023'), PLAN_FILE_TYPES)).toMatchObject({ contentType: 'text/plain; charset=utf-8' });
    expect(recognizeFile('bien-ban.doc', ole, ['doc'])).toMatchObject({ contentType: 'application/msword' });
    expect(recognizeFile('anh.png', png, ['png'])).toMatchObject({ contentType: 'image/png' });
  });

  it('refuses a type that is not allowed, naming the allowed ones (415)', () => {
    expect(refusal(() => recognizeFile('setup.exe', elf, ['pdf', 'docx']))).toEqual({
      code: 'UNSUPPORTED_FILE_TYPE',
      message: 'Không nhận loại tệp ".exe" ("setup.exe"); chỉ nhận: .pdf, .docx.',
    });
    expect(refusal(() => recognizeFile('README', Buffer.from('x'), ['pdf'])).code).toBe('UNSUPPORTED_FILE_TYPE');
  });

  it('refuses bytes that are not what the extension says', () => {
    expect(refusal(() => recognizeFile('bao-cao.pdf', elf, ['pdf']))).toEqual({
      code: 'UNSUPPORTED_FILE_TYPE',
      message: 'Nội dung tệp "bao-cao.pdf" không phải định dạng PDF như phần mở rộng ghi.',
    });
    expect(refusal(() => recognizeFile('ke-hoach.docx', xlsx, PLAN_FILE_TYPES)).code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(refusal(() => recognizeFile('ke-hoach.docx', ole, PLAN_FILE_TYPES)).code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(refusal(() => recognizeFile('ke-hoach.txt', docx, PLAN_FILE_TYPES)).code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(refusal(() => recognizeFile('ke-hoach.txt', Buffer.from([0xc3, 0x28, 0x41]), PLAN_FILE_TYPES)).code).toBe('UNSUPPORTED_FILE_TYPE');
  });

  it('refuses an empty file (422)', () => {
    expect(refusal(() => recognizeFile('rong.pdf', Buffer.alloc(0), ['pdf'])).code).toBe('FILE_EMPTY');
  });
});

describe('safeFileName', () => {
  it('keeps the Vietnamese name, composed, without folders or control characters', () => {
    expect(safeFileName('C:\\fakepath\\Báo cáo quý I.pdf')).toBe('Báo cáo quý I.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('Ke\u0302\u0301 hoa\u0323ch\u0000\n.docx')).toBe('Kế hoạch.docx');
    expect(safeFileName('')).toBe('tep-dinh-kem');
    expect(safeFileName('..')).toBe('tep-dinh-kem');
  });

  it('shortens a long name to 255 characters, keeping its extension', () => {
    const name = safeFileName(`${'Nhiệm vụ '.repeat(40)}.xlsx`);
    expect(name).toHaveLength(255);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});
