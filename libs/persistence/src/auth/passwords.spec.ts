import { hashPassword, needsRehash, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('hashes with argon2id and the policy parameters, salted per call', async () => {
    const [a, b] = [await hashPassword('demo1234'), await hashPassword('demo1234')];
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(needsRehash(a)).toBe(false);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('Mật khẩu có dấu');
    await expect(verifyPassword(stored, 'Mật khẩu có dấu')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'Mat khau co dau')).resolves.toBe(false);
  });

  it('answers false, never throws, for a stored value that is not an argon2 hash', async () => {
    await expect(verifyPassword('plain-text', 'plain-text')).resolves.toBe(false);
    expect(needsRehash('plain-text')).toBe(true);
  });

  it('asks for a rehash of hashes made with weaker parameters', () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$hpdq6qqbzbfr0JbgFnm3a2ko5NHI7yQLoxoEfL7qG/4')).toBe(true);
  });
});
