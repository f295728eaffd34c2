import { afterFailure, DEFAULT_RETRY_POLICY, retryDelayMs } from './email-outbox.queue';

describe('e-mail retry schedule', () => {
  it('doubles from 30 s and stops growing at 1 h', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => retryDelayMs(n) / 1000);
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    expect(retryDelayMs(500)).toBe(3_600_000); // 2^499 is still finite; the cap holds
    expect(retryDelayMs(5000)).toBe(3_600_000); // and past Infinity too
  });

  it('treats a nonsense attempt count as the first failure', () => {
    expect(retryDelayMs(0)).toBe(30_000);
    expect(retryDelayMs(-3)).toBe(30_000);
    expect(retryDelayMs(2.7)).toBe(60_000);
  });

  it('takes its base and cap from the policy (tests retry in milliseconds)', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { baseMs: 100, maxMs: 500 }))).toEqual([100, 200, 400, 500]);
  });

  it('retries until the maximum of attempts, then gives up', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(8);
    expect(afterFailure(1)).toEqual({ status: 'pending', delayMs: 30_000 });
    expect(afterFailure(7)).toEqual({ status: 'pending', delayMs: 1_920_000 });
    expect(afterFailure(8)).toEqual({ status: 'failed', delayMs: null });
    expect(afterFailure(3, { baseMs: 10, maxMs: 1000, maxAttempts: 3 })).toEqual({ status: 'failed', delayMs: null });
    // About an hour of trying with the defaults before a mail is given up.
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + retryDelayMs(n), 0);
    expect(total / 60_000).toBeCloseTo(63.5, 1);
  });
});
