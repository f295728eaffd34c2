import { ApplicationFailure } from '@temporalio/common';
import { loadActor } from '@app/persistence';
import { loadLifecycleSettings, provisionAdHocTask, TaskCommands } from '@app/temporal';
import { TaskReadModelActivities } from '../../apps/worker/src/activities/task-read-model.activities';
import { eventually, maybeRecordHistory, useStack } from '../support/stack';

/** An answer, or "no answer" after `ms`: a hang is a failure of its own, not a jest timeout. */
async function within<T>(ms: number, run: () => Promise<T>): Promise<{ answered: true; value?: T; error?: unknown } | { answered: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ answered: false }>((resolve) => (timer = setTimeout(() => resolve({ answered: false }), ms)));
  const answer = run().then(
    (value) => ({ answered: true as const, value }),
    (error: unknown) => ({ answered: true as const, error }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Text Postgres cannot hold, sent past the API (straight to the workflow, as a client of Temporal
 * would, or in an imported title): the Update answers at once, the task answers its next action and
 * the read model keeps up. Before the fix a NUL in a comment made the read-model activity retry a
 * Postgres error forever: the Update never answered and every later action on the task hung.
 */
describe('poisoned text cannot wedge a task (real worker, Temporal, Postgres)', () => {
  const stack = useStack('poison');
  const spec = (key: string, title = 'Rà soát thủ tục hành chính') => ({ organizationCode: stack.org.code, taskKey: key, title, ownerUnitCode: 'VP', dueOn: '2031-06-30' });

  it.each([
    ['a NUL', 'Ý kiến\u0000 có ký tự rỗng'],
    ['a lone surrogate', 'Ý kiến \ud800 nửa cặp'],
    ['an escape character', 'Ý kiến \u001b[31m đỏ'],
  ])('a comment with %s answers within 10 s, and the task answers its next comment', async (what, text) => {
    const commands = new TaskCommands(stack.client);
    const actor = await loadActor(stack.ds, { username: `${stack.org.code.toLowerCase()}.vp.chuyenvien` });
    const { taskId, workflowId } = await provisionAdHocTask(stack.ds, stack.starter, spec(`poison-${what.replace(/\W/g, '-')}`));
    const poisoned = await within(10_000, () => commands.execute(workflowId, 'comment', { actor, idempotencyKey: 'poison', text }));
    expect(poisoned).toMatchObject({ answered: true, error: expect.objectContaining({ code: 'INVALID_INPUT' }) });
    const next = await within(10_000, () => commands.execute(workflowId, 'comment', { actor, idempotencyKey: 'clean', text: 'Ý kiến bình thường' }));
    expect(next).toMatchObject({ answered: true, value: expect.objectContaining({ taskId }) });
    const [row] = await stack.ds.query(`SELECT version, (SELECT count(*)::int FROM task_events WHERE task_id = $1) AS events FROM tasks WHERE id = $1`, [taskId]);
    expect(row).toEqual({ version: 2, events: 2 }); // CREATED and the clean comment: nothing of the poisoned one
  });

  it('the read-model activity refuses data Postgres cannot hold as a non-retryable failure, storing nothing', async () => {
    const activities = new TaskReadModelActivities(stack.ds);
    const { taskId, workflowId } = await provisionAdHocTask(stack.ds, stack.starter, spec('activity-direct'));
    await eventually('CREATED written', async () => (await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [taskId]))[0].version >= 1);
    for (const text of ['nul\u0000', 'lone \udc00']) {
      const err = await activities
        .recordTaskEvent({
          taskId,
          organizationId: stack.org.organizationId,
          workflowId,
          eventKey: `direct-${text.length}`,
          type: 'COMMENTED',
          actor: null,
          fromState: 'DRAFTING',
          toState: 'DRAFTING',
          version: 50,
          dueOn: null,
          occurredAt: new Date().toISOString(),
          payload: { text },
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: 'READ_MODEL_DATA_REJECTED', nonRetryable: true, details: [expect.objectContaining({ sqlState: expect.stringMatching(/^22/) })] });
    }
    const [row] = await stack.ds.query(`SELECT version, (SELECT count(*)::int FROM task_events WHERE task_id = $1) AS events FROM tasks WHERE id = $1`, [taskId]);
    expect(row).toEqual({ version: 1, events: 1 });
  });

  it('an event the workflow already applied (a NUL in an imported title) is written scrubbed, and the task goes on', async () => {
    const commands = new TaskCommands(stack.client);
    const actor = await loadActor(stack.ds, { username: `${stack.org.code.toLowerCase()}.vp.chuyenvien` });
    const workflowId = `task-${stack.org.code}-poisoned-title`;
    const [unit] = await stack.ds.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'VP'`, [stack.org.organizationId]);
    const [task] = await stack.ds.query(
      `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
       VALUES ($1, 'Tiêu đề nhiễm độc', 'tieu de nhiem doc', $2, 'DRAFTING', 'OPEN_ON_TIME', '2031-06-30', $3) RETURNING id`,
      [stack.org.organizationId, unit.id, workflowId],
    );
    await stack.starter.start(workflowId, {
      taskId: task.id,
      organizationId: stack.org.organizationId,
      organizationCode: stack.org.code,
      planId: null,
      ownerUnitCode: 'VP',
      ownerUnitId: unit.id,
      title: 'Tiêu đề\u0000 nhiễm độc',
      dueOn: '2031-06-30',
      initialState: 'DRAFTING',
      settings: await loadLifecycleSettings(stack.ds, stack.org.organizationId),
    });
    await eventually(
      'CREATED written, scrubbed',
      async () => {
        const [e] = await stack.ds.query(`SELECT payload->>'title' AS title FROM task_events WHERE task_id = $1 AND version = 1`, [task.id]);
        return e?.title === 'Tiêu đề\uFFFD nhiễm độc';
      },
      20_000,
    );
    const next = await within(10_000, () => commands.execute(workflowId, 'comment', { actor, idempotencyKey: 'after', text: 'Vẫn trả lời' }));
    expect(next).toMatchObject({ answered: true, value: expect.objectContaining({ taskId: task.id, version: 2 }) });
    const [row] = await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [task.id]);
    expect(row.version).toBe(2);
    await maybeRecordHistory(stack.client, workflowId, 'read-model-scrubbed-title');
  });
});
