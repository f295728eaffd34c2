import { passwordRefusal } from './password-policy';

describe('passwordRefusal', () => {
  it.each([
    ['short', 'ngan-qua', 'ít nhất 10 ký tự'],
    ['the username', 'snv.vp.chuyenvien', 'tên đăng nhập'],
    ['the username in capitals', 'SNV.VP.CHUYENVIEN', 'tên đăng nhập'],
    ['the username without the organization prefix', 'vp.chuyenvien', 'tên đăng nhập'],
    ['a common one', '1234567890', 'phổ biến'],
    ['a common one in another case', 'QwertyUiop', 'phổ biến'],
  ])('refuses %s', (_why, password, words) => {
    expect(passwordRefusal(password, 'snv.vp.chuyenvien')).toContain(words);
  });

  it('takes a long sentence of one’s own, counting characters (not bytes)', () => {
    expect(passwordRefusal('Lúa chín vàng đồng quê tôi', 'snv.vp.chuyenvien')).toBeNull();
    // Ten characters, more UTF-16 units than that: long enough.
    expect(passwordRefusal('đường đi 1', 'x.y')).toBeNull();
    expect(passwordRefusal('ờ'.repeat(9), 'x.y')).toContain('ít nhất 10 ký tự');
  });
});
