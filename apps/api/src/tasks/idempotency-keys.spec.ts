import { actionFingerprint, canonicalJson } from './idempotency-keys';

describe('Idempotency-Key fingerprints', () => {
  const base = { taskId: 't-1', action: 'comment', body: { text: 'Ý kiến', expectedVersion: 3 }, expectedVersion: 3 };

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('the same request in another key order is the same fingerprint', () => {
    expect(actionFingerprint({ ...base, body: { expectedVersion: 3, text: 'Ý kiến' } })).toBe(actionFingerprint(base));
  });

  it.each([
    ['another body', { ...base, body: { text: 'Ý kiến khác', expectedVersion: 3 } }],
    ['another task', { ...base, taskId: 't-2' }],
    ['another action', { ...base, action: 'approve' }],
    ['another expected version', { ...base, expectedVersion: 4 }],
    ['signing for someone', { ...base, onBehalfOfUserId: 'gd' }],
  ])('%s is another fingerprint', (_what, other) => {
    expect(actionFingerprint(other)).not.toBe(actionFingerprint(base));
  });
});
