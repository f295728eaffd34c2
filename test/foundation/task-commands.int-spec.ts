import { DomainError } from '@app/domain';
import { provisionAdHocTask, TaskCommands } from '@app/temporal';
import { useStack } from '../support/stack';

/**
 * The commands client against the real Temporal server: the errors it translates are the ones the
 * server and the SDK really produce (a refusal, an unknown workflow, an update to a closed one).
 */
describe('TaskCommands on the real stack', () => {
  const stack = useStack('commands');
  const actor = { userId: '00000000-0000-4000-8000-000000000001', unitId: null, roles: ['officer'] };

  const spec = (key: string) => ({ organizationCode: stack.org.code, taskKey: key, title: 'Rà soát thủ tục hành chính', ownerUnitCode: 'VP', dueOn: '2023-06-30' });

  it('answers the snapshot, and a validator refusal as a DomainError with its code and Vietnamese message', async () => {
    const commands = new TaskCommands(stack.client);
    const { taskId, workflowId } = await provisionAdHocTask(stack.ds, stack.starter, spec('refusal'));
    expect(await commands.snapshot(workflowId)).toMatchObject({ taskId });

    const err = await commands.execute(workflowId, 'comment', { actor, idempotencyKey: '', text: 'Ý kiến' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/\S/) });
  });

  it('an unknown workflow is TASK_NOT_FOUND, for updates and queries', async () => {
    const commands = new TaskCommands(stack.client);
    await expect(commands.execute('task-nobody-knows', 'comment', { actor, idempotencyKey: 'k', text: 'x' })).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
      message: 'Không tìm thấy nhiệm vụ.',
    });
    await expect(commands.snapshot('task-nobody-knows')).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
  });

  it('an update to a closed workflow is TASK_CLOSED', async () => {
    const commands = new TaskCommands(stack.client);
    const { workflowId } = await provisionAdHocTask(stack.ds, stack.starter, spec('closed'));
    await stack.client.workflow.getHandle(workflowId).terminate('test: closed task');
    await expect(commands.execute(workflowId, 'comment', { actor, idempotencyKey: 'after-close', text: 'Muộn' })).rejects.toMatchObject({
      code: 'TASK_CLOSED',
      details: { workflowId, status: 'TERMINATED' },
    });
  });
});
