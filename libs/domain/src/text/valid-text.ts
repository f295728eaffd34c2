/**
 * Text that Postgres and people can hold: no NUL (Postgres `text` and `jsonb` cannot store it), no
 * lone UTF-16 surrogate (not a character: it cannot be encoded as UTF-8), no other C0 control
 * character than tab, line feed and carriage return (invisible, and they break files and mail).
 * The API refuses such text at its boundary (422 INVALID_TEXT, naming the field); the task workflow
 * refuses it again in its validators. Pure, unit-tested.
 */

/** C0 controls except \t \n \r. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = 'NUL' | 'CONTROL_CHARACTER' | 'LONE_SURROGATE';

/** What is wrong with one string, or null when people and Postgres can hold it. */
export function textProblemOf(value: string): TextProblem | null {
  if (value.includes('\u0000')) return 'NUL';
  if (CONTROL.test(value)) return 'CONTROL_CHARACTER';
  if (LONE_SURROGATE.test(value)) return 'LONE_SURROGATE';
  return null;
}

export interface InvalidText {
  /** Where, as a path: `body.comment`, `body.attachments[0].name`, `query.q`, a key: `body.<key>`. */
  field: string;
  problem: TextProblem;
  /** UTF-16 index of the first offending code unit. */
  index: number;
}

function firstBadIndex(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

const fieldOf = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/** Deeper than this is refused before any other code walks the value (400 JSON_TOO_DEEP). */
export const MAX_JSON_DEPTH = 32;

export class TooDeepError extends Error {
  constructor(readonly field: string) {
    super(`nested deeper than ${MAX_JSON_DEPTH} at ${field}`);
  }
}

/**
 * The first string (value or object key) in `value` that people and Postgres cannot hold, or null.
 * Objects and arrays nested deeper than `maxDepth` throw {@link TooDeepError} (the walk stops there,
 * so a hostile depth costs nothing).
 */
export function findInvalidText(value: unknown, path: string, maxDepth = MAX_JSON_DEPTH): InvalidText | null {
  const walk = (v: unknown, at: string, depth: number): InvalidText | null => {
    if (typeof v === 'string') {
      const problem = textProblemOf(v);
      return problem ? { field: at, problem, index: firstBadIndex(v) } : null;
    }
    if (v === null || typeof v !== 'object') return null;
    if (depth >= maxDepth) throw new TooDeepError(at);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const found = walk(v[i], fieldOf(at, i), depth + 1);
        if (found) return found;
      }
      return null;
    }
    // Buffers and other non-plain objects (an uploaded file's bytes) are not text.
    if (ArrayBuffer.isView(v)) return null;
    for (const key of Object.keys(v)) {
      const keyProblem = textProblemOf(key);
      if (keyProblem) return { field: fieldOf(at, key), problem: keyProblem, index: firstBadIndex(key) };
      const found = walk((v as Record<string, unknown>)[key], fieldOf(at, key), depth + 1);
      if (found) return found;
    }
    return null;
  };
  return walk(value, path, 0);
}

const PROBLEM_WORDS: Record<TextProblem, string> = {
  NUL: 'ký tự rỗng (NUL)',
  CONTROL_CHARACTER: 'ký tự điều khiển',
  LONE_SURROGATE: 'ký tự không hợp lệ (nửa cặp UTF-16)',
};

/** The Vietnamese message of INVALID_TEXT. */
export function invalidTextMessage(found: InvalidText): string {
  return `Trường "${found.field}" chứa ${PROBLEM_WORDS[found.problem]} ở vị trí ${found.index + 1}; vui lòng xóa ký tự đó rồi gửi lại.`;
}

/**
 * Deterministic replacement of what {@link textProblemOf} refuses by U+FFFD, deep (object keys too).
 * For the read model's last line of defence: an event a workflow already applied is written
 * with such text replaced rather than retried forever.
 */
export function scrubText<T>(value: T, depth = 0): T {
  if (typeof value === 'string') {
    return (textProblemOf(value) ? value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD') : value) as T;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => scrubText(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[scrubText(k)] = scrubText(v, depth + 1);
  return out as T;
}
