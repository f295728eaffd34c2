import { HttpStatus } from '@nestjs/common';
import { REFUSAL, REFUSAL_KINDS } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { ERROR_STATUS } from './error-codes';

describe('the HTTP status of a workflow refusal comes from its kind, declared with the code', () => {
  it('every refusal code answers a 4xx of its kind', () => {
    const expected = { forbidden: HttpStatus.FORBIDDEN, notFound: HttpStatus.NOT_FOUND, conflict: HttpStatus.CONFLICT, unacceptable: HttpStatus.UNPROCESSABLE_ENTITY };
    for (const [code, kind] of Object.entries(REFUSAL_KINDS)) expect([code, ERROR_STATUS[code]]).toEqual([code, expected[kind]]);
    expect(Object.keys(REFUSAL)).toEqual(Object.keys(REFUSAL_KINDS));
    expect(REFUSAL.ALREADY_REMINDED).toBe('ALREADY_REMINDED');
  });

  it('keeps the statuses clients rely on', () => {
    expect(ERROR_STATUS.ALREADY_REMINDED).toBe(409);
    expect(ERROR_STATUS.NOT_A_REVIEWER).toBe(403);
    expect(ERROR_STATUS.ROUND_NOT_FOUND).toBe(404);
    expect(ERROR_STATUS.DRAFT_EMPTY).toBe(422);
    expect(ERROR_STATUS.STALE_VERSION).toBe(409);
  });
});
