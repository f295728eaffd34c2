import { WorkflowHandle } from '@temporalio/client';
import { CalendarDate } from '@app/domain';
import { loadActor } from '@app/persistence';
import { provisionAdHocTask } from '@app/temporal';
import { Actor, cancelUpdate, commentUpdate, getSnapshotQuery } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { eventually, maybeRecordHistory, startWorkerProcess, useStack } from '../support/stack';

/**
 * The foundation's proof: a task workflow started through the real client, run by the real
 * worker process, writes its creation into the Postgres read model; starts are idempotent; and a
 * worker killed with SIGKILL picks the work up again after restart.
 */
describe('task workflow on the real stack', () => {
  const stack = useStack('wf');

  // Real people of the test organization: the workflow authorizes the actor it is given.
  let officer: Actor;
  let deputy: Actor;
  beforeAll(async () => {
    const prefix = stack.org.code.toLowerCase();
    officer = await loadActor(stack.ds, { username: `${prefix}.vp.chuyenvien` });
    deputy = await loadActor(stack.ds, { username: `${prefix}.pgd.a` });
  });
  const actor = () => officer;

  async function taskRow(workflowId: string) {
    const [row] = await stack.ds.query(`SELECT id, state, version, status_word FROM tasks WHERE workflow_id = $1`, [workflowId]);
    return row as { id: string; state: string; version: number; status_word: string } | undefined;
  }

  async function eventTypes(taskId: string): Promise<string[]> {
    const rows: Array<{ type: string }> = await stack.ds.query(`SELECT type FROM task_events WHERE task_id = $1 ORDER BY version`, [taskId]);
    return rows.map((r) => r.type);
  }

  const spec = (key: string) => ({
    organizationCode: stack.org.code,
    taskKey: key,
    title: 'Xây dựng kế hoạch biên chế năm 2023',
    ownerUnitCode: 'VP',
    // Far ahead: this file is about starts, updates and crashes, not about the deadline ladder
    // (a past date would fire it at once; test/lifecycle covers it).
    dueOn: CalendarDate.addDays(CalendarDate.fromInstant(Date.now()), 90),
  });

  it('a started task becomes visible in the read model with its CREATED event', async () => {
    const { taskId, workflowId } = await provisionAdHocTask(stack.ds, stack.starter, spec('created'));
    const row = await eventually('version 1 in the read model', async () => {
      const r = await taskRow(workflowId);
      return r && r.version === 1 ? r : undefined;
    });
    expect(row).toMatchObject({ id: taskId, state: 'DRAFTING', version: 1 });
    expect(await eventTypes(taskId)).toEqual(['CREATED']);

    const handle = stack.client.workflow.getHandle(workflowId);
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.taskQueue).toBe(stack.taskQueue);
    expect(await handle.query(getSnapshotQuery)).toMatchObject({ taskId, state: 'DRAFTING', version: 1, commentCount: 0 });
  });

  it('provisioning the same task twice makes one row and one workflow run', async () => {
    const first = await provisionAdHocTask(stack.ds, stack.starter, spec('twice'));
    const second = await provisionAdHocTask(stack.ds, stack.starter, spec('twice'));
    expect(second).toEqual(first);
    const [{ count }] = await stack.ds.query(`SELECT count(*)::int AS count FROM tasks WHERE workflow_id = $1`, [first.workflowId]);
    expect(count).toBe(1);
    const runs: string[] = [];
    for await (const wf of stack.client.workflow.list({ query: `WorkflowId = '${first.workflowId}'` })) runs.push(wf.runId);
    // Visibility lags; the run id from describe() is authoritative, list() must not show more.
    expect(runs.length).toBeLessThanOrEqual(1);
    expect((await stack.client.workflow.getHandle(first.workflowId).describe()).runId).toBeTruthy();
  });

  it('the same update sent twice with one idempotency key applies once', async () => {
    const { taskId, workflowId } = await provisionAdHocTask(stack.ds, stack.starter, spec('comment'));
    const handle: WorkflowHandle = stack.client.workflow.getHandle(workflowId);
    const input = { actor: actor(), idempotencyKey: 'k-1', text: 'Đề nghị bổ sung số liệu quý IV.' };
    const a = await handle.executeUpdate(commentUpdate, { args: [input] });
    const b = await handle.executeUpdate(commentUpdate, { args: [input] });
    expect(a.commentCount).toBe(1);
    expect(b.commentCount).toBe(1);
    await eventually('COMMENTED in the read model', async () => (await eventTypes(taskId)).includes('COMMENTED'));
    expect(await eventTypes(taskId)).toEqual(['CREATED', 'COMMENTED']);
    await maybeRecordHistory(stack.client, workflowId, 'full-lifecycle-comment-twice');
  });

  it('an empty comment is refused by the validator and leaves no trace', async () => {
    const { taskId, workflowId } = await provisionAdHocTask(stack.ds, stack.starter, spec('refused'));
    const handle = stack.client.workflow.getHandle(workflowId);
    await expect(
      handle.executeUpdate(commentUpdate, { args: [{ actor: actor(), idempotencyKey: 'k-empty', text: '   ' }] }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_INPUT' } });
    await eventually('CREATED recorded', async () => (await eventTypes(taskId)).length === 1);
    expect((await handle.query(getSnapshotQuery)).commentCount).toBe(0);
    expect(await eventTypes(taskId)).toEqual(['CREATED']);
    await maybeRecordHistory(stack.client, workflowId, 'full-lifecycle-comment-refused');
  });

  it('only leadership cancels; the workflow then completes with state CANCELLED in both places', async () => {
    const { taskId, workflowId } = await provisionAdHocTask(stack.ds, stack.starter, spec('cancel'));
    const handle = stack.client.workflow.getHandle(workflowId);
    await expect(
      handle.executeUpdate(cancelUpdate, { args: [{ actor: actor(), idempotencyKey: 'c-officer', reason: 'Không còn phù hợp' }] }),
    ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    const done = await handle.executeUpdate(cancelUpdate, { args: [{ actor: deputy, idempotencyKey: 'c-1', reason: 'Không còn phù hợp' }] });
    expect(done.state).toBe('CANCELLED');
    expect(await handle.result()).toMatchObject({ state: 'CANCELLED', version: 2 });
    await eventually('CANCELLED in the read model', async () => (await taskRow(workflowId))?.state === 'CANCELLED');
    expect(await taskRow(workflowId)).toMatchObject({ state: 'CANCELLED', status_word: 'CANCELLED', version: 2 });
    expect(await eventTypes(taskId)).toEqual(['CREATED', 'CANCELLED']);
    await maybeRecordHistory(stack.client, workflowId, 'full-lifecycle-cancel-refused-then-cancelled');
    // Re-provisioning a closed task never starts it again.
    await provisionAdHocTask(stack.ds, stack.starter, spec('cancel'));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });

  it('kill -9 of the worker: work started meanwhile is done after restart, nothing twice', async () => {
    const before = await provisionAdHocTask(stack.ds, stack.starter, spec('before-crash'));
    await eventually('first task recorded', async () => (await taskRow(before.workflowId))?.version === 1);

    await stack.worker!.kill9();
    // Started while no worker runs: Temporal holds the work until one polls again.
    const during = await provisionAdHocTask(stack.ds, stack.starter, spec('during-crash'));
    await new Promise((r) => setTimeout(r, 1000));
    expect((await taskRow(during.workflowId))?.version).toBe(0);

    stack.worker = await startWorkerProcess({ taskQueue: stack.taskQueue });
    await eventually('task started during the crash recorded', async () => (await taskRow(during.workflowId))?.version === 1);

    const handle = stack.client.workflow.getHandle(before.workflowId);
    const after = await handle.executeUpdate(commentUpdate, { args: [{ actor: actor(), idempotencyKey: 'after-restart', text: 'Tiếp tục sau sự cố.' }] });
    expect(after).toMatchObject({ state: 'DRAFTING', version: 2, commentCount: 1 });
    await eventually('comment recorded', async () => (await eventTypes(before.taskId)).length === 2);
    expect(await eventTypes(before.taskId)).toEqual(['CREATED', 'COMMENTED']);
    expect(await eventTypes(during.taskId)).toEqual(['CREATED']);
    await maybeRecordHistory(stack.client, before.workflowId, 'full-lifecycle-worker-killed');
  });
});
