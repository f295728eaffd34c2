import { DomainError } from '@app/domain';
import { expectedVersionOf, workflowIdempotencyKey } from './task-action.headers';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.code : 'not a DomainError';
  }
  return undefined;
}

describe('task action headers', () => {
  describe('Idempotency-Key', () => {
    it('is scoped to the caller, so two people with the same key never collide', () => {
      expect(workflowIdempotencyKey('user-a', 'k-1')).toBe('user-a:k-1');
      expect(workflowIdempotencyKey('user-b', 'k-1')).toBe('user-b:k-1');
    });

    it('takes what clients generate: UUIDs, ULIDs, base64url and base64', () => {
      for (const key of ['3f2b8c1e-7f7a-4c59-9d1a-0b2c3d4e5f60', '01HZX3V9W8K7J6H5G4F3E2D1C0', 'aGVsbG8_d29ybGQ-', 'aGVsbG8+d29ybGQ/==', 'approve:2026-05-01.1']) {
        expect(workflowIdempotencyKey('u', key)).toBe(`u:${key}`);
      }
    });

    it('refuses an empty, too long or oddly written key with 400 IDEMPOTENCY_KEY_INVALID', () => {
      for (const key of ['', 'x'.repeat(129), 'has space', 'quote"d', 'khóa', 'a,b']) {
        expect(codeOf(() => workflowIdempotencyKey('u', key))).toBe('IDEMPOTENCY_KEY_INVALID');
      }
      expect(workflowIdempotencyKey('u', 'x'.repeat(128))).toHaveLength(130);
    });

    it('without the header makes a fresh key per request (a retry is not recognised)', () => {
      let n = 0;
      const fresh = () => `n${++n}`;
      expect(workflowIdempotencyKey('u', undefined, fresh)).toBe('u:auto-n1');
      expect(workflowIdempotencyKey('u', undefined, fresh)).toBe('u:auto-n2');
      expect(workflowIdempotencyKey('u', undefined)).toMatch(/^u:auto-[0-9a-f-]{36}$/);
    });
  });

  describe('If-Match and expectedVersion', () => {
    it.each([
      ['"12"', 12],
      ['W/"12"', 12],
      ['12', 12],
      [' "7" ', 7],
      ['*', undefined],
    ])('If-Match %s → %s', (header, version) => {
      expect(expectedVersionOf(header, undefined)).toBe(version);
    });

    it('takes the body when there is no header, and nothing when neither is sent', () => {
      expect(expectedVersionOf(undefined, 3)).toBe(3);
      expect(expectedVersionOf(undefined, undefined)).toBeUndefined();
      expect(expectedVersionOf('"3"', 3)).toBe(3);
    });

    it('refuses a malformed header and a header that contradicts the body', () => {
      for (const header of ['"abc"', '"1", "2"', '-1', '']) expect(codeOf(() => expectedVersionOf(header, undefined))).toBe('IF_MATCH_INVALID');
      expect(codeOf(() => expectedVersionOf('"4"', 5))).toBe('VALIDATION_FAILED');
    });
  });
});
