import { findInvalidText, invalidTextMessage, MAX_JSON_DEPTH, scrubText, textProblemOf, TooDeepError } from './valid-text';

describe('text that Postgres and people can hold', () => {
  it.each([
    ['Báo cáo đã gửi.', null],
    ['tab\there, lines\r\nand\nmore', null],
    ['emoji 😀 and 𝔸', null],
    ['', null],
    ['a\u0000b', 'NUL'],
    ['bell\u0007', 'CONTROL_CHARACTER'],
    ['esc\u001b[31m', 'CONTROL_CHARACTER'],
    ['vt\u000b', 'CONTROL_CHARACTER'],
    ['lone high \ud800 here', 'LONE_SURROGATE'],
    ['lone high at end \udbff', 'LONE_SURROGATE'],
    ['lone low \udc00', 'LONE_SURROGATE'],
    ['reversed \udc00\ud800', 'LONE_SURROGATE'],
  ])('%j → %s', (text, problem) => {
    expect(textProblemOf(text)).toBe(problem);
  });

  it('names the field, keys included, and the position', () => {
    expect(findInvalidText({ comment: 'ok', attachments: [{ name: 'a\u0000.pdf' }] }, 'body')).toEqual({ field: 'body.attachments[0].name', problem: 'NUL', index: 1 });
    expect(findInvalidText({ ['bad\ud800key']: 1 }, 'body')).toEqual({ field: 'body["bad\\ud800key"]', problem: 'LONE_SURROGATE', index: 3 });
    expect(findInvalidText({ q: 'x', n: 3, b: true, z: null }, 'query')).toBeNull();
    expect(invalidTextMessage({ field: 'body.comment', problem: 'NUL', index: 4 })).toBe(
      'Trường "body.comment" chứa ký tự rỗng (NUL) ở vị trí 5; vui lòng xóa ký tự đó rồi gửi lại.',
    );
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH}, accepts ${MAX_JSON_DEPTH}`, () => {
    const nest = (n: number): unknown => (n === 0 ? 'leaf' : { a: nest(n - 1) });
    expect(findInvalidText(nest(MAX_JSON_DEPTH), 'body')).toBeNull();
    expect(() => findInvalidText(nest(MAX_JSON_DEPTH + 1), 'body')).toThrow(TooDeepError);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => findInvalidText(deep, 'body')).toThrow(TooDeepError);
  });

  it('scrubs what it refuses into U+FFFD, deep, and leaves good text alone', () => {
    expect(scrubText({ a: 'x\u0000y', ['k\ud800']: ['\u0007', 'đúng 😀'] })).toEqual({ a: 'x\uFFFDy', ['k\uFFFD']: ['\uFFFD', 'đúng 😀'] });
    expect(textProblemOf(scrubText('\udc00\ud800\u0000'))).toBeNull();
  });
});
