import { asciiFallback, attachmentDisposition, encodeRfc5987 } from './content-disposition';

describe('Content-Disposition with a Vietnamese file name', () => {
  it('sends the name as written (RFC 5987) and an ASCII fallback', () => {
    expect(attachmentDisposition('Tiến độ (Đợt 1).xlsx')).toBe(
      `attachment; filename="Tien do (Dot 1).xlsx"; filename*=UTF-8''Ti%E1%BA%BFn%20%C4%91%E1%BB%99%20%28%C4%90%E1%BB%A3t%201%29.xlsx`,
    );
    expect(decodeURIComponent(encodeRfc5987("Báo cáo 'quý' *I*.docx"))).toBe("Báo cáo 'quý' *I*.docx");
    expect(encodeRfc5987("a'b(c)*")).toBe('a%27b%28c%29%2A');
  });

  it('keeps quotes, backslashes and other scripts out of the fallback', () => {
    expect(asciiFallback('a"b\\c 漢.docx')).toBe('a_b_c _.docx');
  });
});
