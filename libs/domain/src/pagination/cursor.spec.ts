import { decodeCursor, encodeCursor, isIntAndBigintId, isTimeAndId } from './cursor';

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
    ['a date edited to 30 February', encodeCursor({ t: '2026-02-30T10:00:00.000Z', id })],
    ['a day-only 31 April', encodeCursor({ t: '2026-04-31', id })],
    ['hour 25', encodeCursor({ t: '2026-11-24T25:00:00.000Z', id })],
    ['year 0', encodeCursor({ t: '0000-01-01', id })],
    ['a year of six digits', encodeCursor({ t: '+275760-09-13T00:00:00.000Z', id })],
    ['a number', encodeCursor({ t: 1732406400000, id })],
  ])('refuses %s with INVALID_CURSOR in Vietnamese', (_what, raw) => {
    expect(() => decodeCursor(raw, (c) => isTimeAndId(c, 't'))).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', message: 'Con trỏ phân trang không hợp lệ.' }));
  });

  it('keeps real positions: a leap day, an offset, a date', () => {
    for (const t of ['2028-02-29', '2026-11-24T12:00:00.000Z', '2026-11-24T19:00:00+07:00', '2026-11-24T12:00:00.123456Z']) expect(isTimeAndId({ t, id }, 't')).toBe(true);
    expect(isTimeAndId({ t: '2027-02-29', id }, 't')).toBe(false);
  });

  it('bounds integer keys to what Postgres holds', () => {
    expect(isIntAndBigintId(12, '9223372036854775807')).toBe(true);
    expect(isIntAndBigintId(12, '9223372036854775808')).toBe(false);
    expect(isIntAndBigintId(2 ** 31, '1')).toBe(false);
    expect(isIntAndBigintId(-1, '1')).toBe(false);
    expect(isIntAndBigintId(1.5, '1')).toBe(false);
  });
});
