// Build step: bundles workflows/ once, so production workers load a fixed bundle (WORKFLOW_BUNDLE_PATH)
// instead of running webpack at start. Fails the build (exit 1) when bundling fails.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  // From dist/ the compiled workflows are beside this file's tree; from sources, the .ts files.
  const workflowsPath = require.resolve(join(root, 'workflows'));
  const { code } = await bundleWorkflowCode({ workflowsPath });
  const out = join(root, 'workflow-bundle.js');
  writeFileSync(out, code);
  console.log(`workflow bundle written: ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((err: unknown) => {
  console.error(`workflow bundle failed: ${String((err as Error)?.stack ?? err)}`);
  process.exit(1);
});
