import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { machineInfo } from './machine';
import { ratio, Summary, summarize } from './stats';

const ROOT = join(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

/** One figure measured on our path and on the raw baseline, in the same run. */
export interface Comparison {
  metric: string;
  unit: string;
  /** "lower" for latencies and sizes, "higher" for rates: says which way is better. */
  better: 'lower' | 'higher';
  ours: Summary;
  baseline: Summary;
  /** What the baseline is, in a few words. */
  baselineIs: string;
}

export interface BenchResult {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  comparisons: Comparison[];
  /** Figures with no baseline (sizes, counts), and how they were checked. */
  extra?: Record<string, unknown>;
  notes?: string[];
}

export function compare(metric: string, unit: string, better: 'lower' | 'higher', ours: number[], baseline: number[], baselineIs: string): Comparison {
  return { metric, unit, better, ours: summarize(ours), baseline: summarize(baseline), baselineIs };
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Prints the table and writes bench/results/<name>.json with the machine and versions. */
export async function writeResult(result: BenchResult): Promise<string> {
  const machine = await machineInfo();
  const rows = result.comparisons.map((c) => ({
    metric: `${c.metric} (${c.unit})`,
    'ours min': fmt(c.ours.min),
    'ours p50': fmt(c.ours.p50),
    'ours p99': fmt(c.ours.p99),
    'base min': fmt(c.baseline.min),
    'base p50': fmt(c.baseline.p50),
    'base p99': fmt(c.baseline.p99),
    'ratio p50': ratio(c.ours.p50, c.baseline.p50),
    'ratio p99': ratio(c.ours.p99, c.baseline.p99),
  }));
  console.log(`\n${result.name}: ${result.description}`);
  console.table(rows);
  for (const c of result.comparisons) console.log(`  baseline of "${c.metric}": ${c.baselineIs}`);
  if (result.extra) console.log(JSON.stringify(result.extra, null, 2));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.name}.json`);
  const out = {
    ...result,
    comparisons: result.comparisons.map((c) => ({
      ...c,
      ratio: { min: ratio(c.ours.min, c.baseline.min), median: ratio(c.ours.median, c.baseline.median), p50: ratio(c.ours.p50, c.baseline.p50), p99: ratio(c.ours.p99, c.baseline.p99) },
    })),
    machine,
    measuredAt: new Date().toISOString(),
  };
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${relative(ROOT, file)}`);
  return file;
}

/** Runs a benchmark's main(): exit 0 when it wrote its result, 1 (with the error) when it failed. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
