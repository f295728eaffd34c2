import JSZip from 'jszip';
import { AppendixReadError } from './appendix.types';
import { assertZipInflatesWithin, MAX_INFLATED_BYTES } from './zip-guard';

const MB = 1024 * 1024;

async function zipOf(parts: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('assertZipInflatesWithin (zip bombs in .docx/.xlsx uploads)', () => {
  it('lets an ordinary document through: every part inflated and counted, nothing kept', async () => {
    const docx = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': `<w:document>${'<w:p>Kế hoạch</w:p>'.repeat(10_000)}</w:document>` });
    await expect(assertZipInflatesWithin(docx, MB)).resolves.toBeUndefined();
  });

  it('refuses a part that inflates past the limit, with the Vietnamese reason, though the file itself is tiny', async () => {
    const bomb = await zipOf({ 'word/document.xml': Buffer.alloc(3 * MB) });
    expect(bomb.length).toBeLessThan(10 * 1024);
    const err = await assertZipInflatesWithin(bomb, MB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppendixReadError);
    expect(err).toMatchObject({ code: 'UNREADABLE_FILE', message: 'Tệp nén giải ra hơn 1 MB: không phải tài liệu kế hoạch thông thường (có thể là tệp độc hại).' });
  });

  it('counts all parts together: many small parts that add up past the limit are refused too', async () => {
    const parts = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`xl/worksheets/sheet${i + 1}.xml`, Buffer.alloc(300 * 1024, 0x41)]));
    await expect(assertZipInflatesWithin(await zipOf(parts), 2 * MB)).resolves.toBeUndefined();
    await expect(assertZipInflatesWithin(await zipOf(parts), MB)).rejects.toMatchObject({ code: 'UNREADABLE_FILE' });
  });

  it('a limit of 64 MB by default; bytes that are not a zip are an error, not a pass', async () => {
    expect(MAX_INFLATED_BYTES).toBe(64 * MB);
    await expect(assertZipInflatesWithin(Buffer.from('PK\u0003\u0004 không phải tệp nén'))).rejects.toThrow();
  });
});
