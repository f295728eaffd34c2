import { median, percentile, ratio, summarize, windowRates } from './stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    // 10 values: p99 is the largest (rank ceil(9.9) = 10), p50 the 5th.
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1000];
    expect(percentile(ten, 99)).toBe(1000);
    expect(percentile(ten, 50)).toBe(5);
  });

  it('takes the median of odd and even samples', () => {
    expect(median([1, 2, 9])).toBe(2);
    expect(median([1, 2, 3, 9])).toBe(2.5);
  });

  it('summarizes an unsorted sample without changing it', () => {
    const values = [5, 1, 4, 2, 3];
    expect(summarize(values)).toEqual({ n: 5, min: 1, p50: 3, median: 3, p99: 5, max: 5, mean: 3 });
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it('refuses an empty sample', () => {
    expect(() => summarize([])).toThrow('empty');
  });

  it('gives ratios to the baseline with two decimals', () => {
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(10, 30)).toBe(0.33);
    expect(ratio(0, 0)).toBe(1);
    expect(ratio(1, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('turns completion times into per-window rates', () => {
    // 4 completions, windows of 2: 2 in the first 500 ms, 2 in the next 1000 ms.
    expect(windowRates([100, 500, 900, 1500], 0, 2)).toEqual([4, 2]);
    // An incomplete last window is left out.
    expect(windowRates([100, 500, 900], 0, 2)).toEqual([4]);
  });
});
