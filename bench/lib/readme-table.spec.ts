import { benchTable, TABLE_END, TABLE_START, withBenchTable } from './readme-table';

const result = {
  name: 'action-round-trip',
  parameters: { actions: 200, concurrency: [1, 20], server: 'dev server (SQLite)', tables: ['a', 'b'] },
  comparisons: [
    {
      metric: 'approve, concurrency 1',
      unit: 'ms',
      better: 'lower' as const,
      ours: { p50: 30.5, p99: 61 },
      baseline: { p50: 20.1, p99: 44 },
      ratio: { p50: 1.52, p99: 1.39 },
    },
  ],
  measuredAt: '2026-12-03T12:30:00.000Z',
};

describe('README bench table', () => {
  it('has one line per comparison with the run parameters and both p50s', () => {
    const table = benchTable([result]);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('| `action-round-trip` (actions=200, concurrency=1/20, server=dev server (SQLite)) | approve, concurrency 1 (ms, lower is better) | 30.5 / 20.1 | 1.52 | 1.39 | 2026-12-03 12:30 UTC |');
  });

  it('replaces only what is between the markers, and refuses a README without them', () => {
    const readme = `# A\n\n${TABLE_START}\nold\n${TABLE_END}\n\nafter\n`;
    expect(withBenchTable(readme, 'NEW')).toBe(`# A\n\n${TABLE_START}\nNEW\n${TABLE_END}\n\nafter\n`);
    expect(() => withBenchTable('# no markers', 'NEW')).toThrow(/markers/);
  });
});
