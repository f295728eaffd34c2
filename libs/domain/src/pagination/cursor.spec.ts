import { decodeCursor, encodeCursor, isTimeAndId } from './cursor';

describe('opaque pagination cursors', () => {
  const id = '3f1c2a4e-1111-4222-8333-444455556666';

  it('round-trips the keys of the last row', () => {
    const raw = encodeCursor({ t: '2026-11-24T12:00:00.000Z', id });
    expect(raw).toMatch(/^[\w-]+$/);
    expect(decodeCursor<{ t: string; id: string }>(raw, (c) => isTimeAndId(c, 't'))).toEqual({ t: '2026-11-24T12:00:00.000Z', id });
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor!'],
    ['JSON but not an object', encodeCursor([1, 2] as unknown as object)],
    ['a bad time', encodeCursor({ t: 'yesterday', id })],
    ['a bad id', encodeCursor({ t: '2026-11-24', id: "1' OR 1=1" })],
  ])('refuses %s with INVALID_CURSOR in Vietnamese', (_what, raw) => {
    expect(() => decodeCursor(raw, (c) => isTimeAndId(c, 't'))).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', message: 'Con trỏ phân trang không hợp lệ.' }));
  });
});
