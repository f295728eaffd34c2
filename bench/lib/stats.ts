/** Order statistics of a sample (latencies in ms, rates per second…). Nearest-rank percentiles. */
export interface Summary {
  n: number;
  min: number;
  p50: number;
  median: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array: the smallest value with at least p% of the sample at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) throw new Error('percentile of an empty sample');
  if (p <= 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** The median: the middle value, or the mean of the two middle values. */
export function median(sorted: readonly number[]): number {
  if (!sorted.length) throw new Error('median of an empty sample');
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0],
    p50: percentile(sorted, 50),
    median: median(sorted),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/** How many times the baseline's figure ours is, rounded to two decimals (>1: ours is slower/bigger). */
export function ratio(ours: number, baseline: number): number {
  if (baseline === 0) return ours === 0 ? 1 : Number.POSITIVE_INFINITY;
  return Math.round((ours / baseline) * 100) / 100;
}

/**
 * Rates over consecutive windows of `window` completions, from ascending completion times (ms):
 * completions per second in each window, so a throughput run yields a distribution too.
 */
export function windowRates(completionTimesMs: readonly number[], startMs: number, window: number): number[] {
  const rates: number[] = [];
  let from = startMs;
  for (let i = window - 1; i < completionTimesMs.length; i += window) {
    const to = completionTimesMs[i];
    rates.push((window * 1000) / Math.max(1, to - from));
    from = to;
  }
  return rates;
}
