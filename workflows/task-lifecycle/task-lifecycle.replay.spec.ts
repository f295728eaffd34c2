import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';

const FIXTURES = join(__dirname, '../../test/fixtures/histories');

/**
 * Recorded histories of real runs (RECORD_HISTORIES=1 npm test) replayed against the current
 * workflow code. A change that would break workflows already running fails here: guard it with
 * patched() and keep the old path.
 *
 * `legacy-v0-*`: the foundation slice, recorded before the `full-lifecycle-v1` patch; they replay
 * through the legacy path. Never re-record them. The others cover the full lifecycle's main paths
 * (happy path, return, disagreement, extension, trigger, group parent and child, report rounds,
 * KT. approval, a worker killed mid-review), recorded before the `deadline-ladder-v1` patch, so
 * they replay without the ladder; `ladder-*` were recorded with it; `wait-ladders-*` (recorded on
 * the time-skipping server by task-lifecycle.timers.spec.ts) with the review and approval ladders
 * of `wait-ladders-v1` and a calendar edited mid-ladder; `day-off-rule-*` (recorded by
 * task-lifecycle.day-off-rule.spec.ts) with `day-off-rule-v1`: a ladder counted from the working end
 * of a deadline on a Saturday and inside Tết; `local-read-model-*` (recorded by
 * test/lifecycle/scenarios.int-spec.ts) write the read model through local activities
 * (`read-model-local-activity-v1`), the others through the regular activity; `files-*` (recorded by
 * test/api/permissions.e2e-spec.ts) hold the file steps' Updates (`recordAttachment`,
 * `removeAttachment`) behind `attachment-events-v1`.
 */
describe('task workflows replay every recorded history', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  it('has recorded histories of both the foundation slice and the full lifecycle', () => {
    expect(files.filter((f) => f.startsWith('legacy-v0-')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((f) => !f.startsWith('legacy-v0-')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.startsWith('local-read-model-')).length).toBeGreaterThanOrEqual(9);
  });

  it('replays each without non-determinism', async () => {
    const histories = files.map((f) => ({ workflowId: f, history: JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) }));
    const bundlePath = process.env.WORKFLOW_BUNDLE_PATH;
    const source = bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: require.resolve('../index') };
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(source, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
