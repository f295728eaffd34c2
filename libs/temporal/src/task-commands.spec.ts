import { ApplicationFailure, Client, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DomainError } from '@app/domain';
import { REFUSAL } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { isAbortedUpdate, refusalOf, TaskCommands } from './task-commands';

/** A client whose one handle answers as the test says; errors are built as the SDK builds them. */
function fakeClient(handle: { executeUpdate?: jest.Mock; describe?: jest.Mock; query?: jest.Mock }) {
  const getHandle = jest.fn(() => handle);
  return { client: { workflow: { getHandle } } as unknown as Client, getHandle };
}

const refusal = (type: string, message: string, ...details: unknown[]) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable(message, type, ...details));

describe('TaskCommands', () => {
  const snapshot = { taskId: 't-1', state: 'DRAFTING', version: 3, dueOn: null, originalDueOn: null, commentCount: 0 };

  it('sends the action as a Workflow Update with the input as its one argument and returns the snapshot', async () => {
    const executeUpdate = jest.fn().mockResolvedValue(snapshot);
    const { client, getHandle } = fakeClient({ executeUpdate });
    const input = { actor: { userId: 'u', unitId: null, roles: ['officer'] }, idempotencyKey: 'k', text: 'Ý kiến' };
    await expect(new TaskCommands(client).execute('wf-1', 'comment', input)).resolves.toBe(snapshot);
    expect(getHandle).toHaveBeenCalledWith('wf-1');
    expect(executeUpdate).toHaveBeenCalledWith('comment', { args: [input], updateId: 'comment:k' });
  });

  it('a validator refusal becomes a DomainError with the REFUSAL code, the Vietnamese message and the details', async () => {
    const executeUpdate = jest
      .fn()
      .mockRejectedValue(refusal(REFUSAL.EXTENSION_LIMIT_REACHED, 'Nhiệm vụ đã được gia hạn tối đa 1 lần.', { max: 1, granted: 1 }));
    const { client } = fakeClient({ executeUpdate });
    const err = await new TaskCommands(client).execute('wf-1', 'requestExtension', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'EXTENSION_LIMIT_REACHED', message: 'Nhiệm vụ đã được gia hạn tối đa 1 lần.', details: { max: 1, granted: 1 } });
  });

  it('a refusal without details carries none; a failure whose type is not a REFUSAL code is not a refusal', () => {
    expect(refusalOf(refusal(REFUSAL.FORBIDDEN, 'Chỉ lãnh đạo Sở được hủy nhiệm vụ.'))).toMatchObject({ code: 'FORBIDDEN', details: undefined });
    expect(refusalOf(refusal('SomethingElse', 'boom'))).toBeNull();
    expect(refusalOf(new WorkflowUpdateFailedError('Workflow Update failed', new Error('plain')))).toBeNull();
    expect(refusalOf(ApplicationFailure.nonRetryable('x', REFUSAL.FORBIDDEN))).toBeNull(); // not wrapped by an update
  });

  it('an update to an unknown workflow is TASK_NOT_FOUND', async () => {
    const executeUpdate = jest.fn().mockRejectedValue(new WorkflowNotFoundError('workflow not found', 'wf-x', undefined));
    const describe = jest.fn().mockRejectedValue(new WorkflowNotFoundError('workflow not found', 'wf-x', undefined));
    const { client } = fakeClient({ executeUpdate, describe });
    await expect(new TaskCommands(client).execute('wf-x', 'comment', {})).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
      message: 'Không tìm thấy nhiệm vụ.',
      details: { workflowId: 'wf-x' },
    });
  });

  it('an update to a closed workflow (NOT_FOUND "already completed" from the server) is TASK_CLOSED', async () => {
    const executeUpdate = jest.fn().mockRejectedValue(new WorkflowNotFoundError('workflow execution already completed', 'wf-1', undefined));
    const describe = jest.fn().mockResolvedValue({ status: { name: 'COMPLETED' } });
    const { client } = fakeClient({ executeUpdate, describe });
    await expect(new TaskCommands(client).execute('wf-1', 'approve', {})).rejects.toMatchObject({
      code: 'TASK_CLOSED',
      details: { workflowId: 'wf-1', status: 'COMPLETED' },
    });
  });

  it('outages are rethrown as they are (the API answers 503)', async () => {
    const outage = new ServiceError('Workflow Update failed', { cause: new Error('14 UNAVAILABLE: No connection established') });
    const { client } = fakeClient({ executeUpdate: jest.fn().mockRejectedValue(outage), query: jest.fn().mockRejectedValue(outage) });
    await expect(new TaskCommands(client).execute('wf-1', 'comment', {})).rejects.toBe(outage);
    await expect(new TaskCommands(client).snapshot('wf-1')).rejects.toBe(outage);
    // describe() failing with an outage while telling NOT_FOUND apart: the outage wins.
    const { client: c2 } = fakeClient({
      executeUpdate: jest.fn().mockRejectedValue(new WorkflowNotFoundError('not found', 'wf-1', undefined)),
      describe: jest.fn().mockRejectedValue(outage),
    });
    await expect(new TaskCommands(c2).execute('wf-1', 'comment', {})).rejects.toBe(outage);
  });

  describe('bursts on one task', () => {
    const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
    const aborted = () => new ServiceError('Workflow Update failed', { cause: grpc(14, 'workflow update was aborted') });
    const tooMany = () => new ServiceError('Workflow Update failed', { cause: grpc(8, 'limit on number of concurrent in-flight updates has been reached (10)') });
    const input = (key: string) => ({ idempotencyKey: key });

    it('tells an aborted or throttled update from an outage', () => {
      expect(isAbortedUpdate(aborted())).toBe(true);
      expect(isAbortedUpdate(tooMany())).toBe(true);
      expect(isAbortedUpdate(new ServiceError('x', { cause: grpc(14, 'No connection established') }))).toBe(false);
      expect(isAbortedUpdate(new Error('workflow update was aborted'))).toBe(false);
    });

    it('sends an aborted update again under the same update id until the server takes it', async () => {
      const executeUpdate = jest.fn().mockRejectedValueOnce(aborted()).mockRejectedValueOnce(tooMany()).mockResolvedValue(snapshot);
      const { client } = fakeClient({ executeUpdate });
      await expect(new TaskCommands(client, [1, 1, 1]).execute('wf-1', 'comment', input('u:k1'))).resolves.toBe(snapshot);
      expect(executeUpdate.mock.calls.map((c) => c[1].updateId)).toEqual(['comment:u:k1', 'comment:u:k1', 'comment:u:k1']);
    });

    it('gives up after its retries with the server’s error; an outage is not retried here (the SDK did)', async () => {
      const last = aborted();
      const executeUpdate = jest.fn().mockRejectedValueOnce(aborted()).mockRejectedValueOnce(aborted()).mockRejectedValueOnce(last);
      const { client } = fakeClient({ executeUpdate });
      await expect(new TaskCommands(client, [1, 1]).execute('wf-1', 'comment', input('k'))).rejects.toBe(last);
      expect(executeUpdate).toHaveBeenCalledTimes(3);
      const outage = new ServiceError('Workflow Update failed', { cause: grpc(14, 'No connection established') });
      const once = jest.fn().mockRejectedValue(outage);
      await expect(new TaskCommands(fakeClient({ executeUpdate: once }).client, [1, 1]).execute('wf-1', 'comment', input('k'))).rejects.toBe(outage);
      expect(once).toHaveBeenCalledTimes(1);
    });

    it('sends the updates of one workflow one after the other, those of different workflows at once', async () => {
      const running: string[] = [];
      let most = 0;
      const releases: Array<() => void> = [];
      const executeUpdate = jest.fn((_action: string, options: { updateId: string }) => {
        running.push(options.updateId);
        most = Math.max(most, running.length);
        return new Promise((resolve, reject) => {
          releases.push(() => {
            running.splice(running.indexOf(options.updateId), 1);
            if (options.updateId.endsWith('fails')) reject(refusal(REFUSAL.INVALID_STATE, 'Không hợp lệ.'));
            else resolve(snapshot);
          });
        });
      });
      const commands = new TaskCommands({ workflow: { getHandle: () => ({ executeUpdate }) } } as unknown as Client);
      const same = [commands.execute('wf-1', 'comment', input('a-fails')), commands.execute('wf-1', 'comment', input('b')), commands.execute('wf-1', 'comment', input('c'))];
      const other = commands.execute('wf-2', 'comment', input('d'));
      const refused = same[0].catch((err: unknown) => err);
      await new Promise((r) => setImmediate(r));
      expect(running).toEqual(['comment:a-fails', 'comment:d']);
      while (releases.length) {
        releases.shift()!();
        await new Promise((r) => setImmediate(r));
      }
      expect(await refused).toMatchObject({ code: 'INVALID_STATE' });
      await expect(Promise.all([...same.slice(1), other])).resolves.toEqual([snapshot, snapshot, snapshot]);
      expect(executeUpdate.mock.calls.map((c) => c[1].updateId)).toEqual(['comment:a-fails', 'comment:d', 'comment:b', 'comment:c']);
      expect(most).toBe(2);
    });
  });

  it('queries answer from the workflow; an unknown workflow is TASK_NOT_FOUND', async () => {
    const query = jest.fn().mockResolvedValueOnce(snapshot).mockResolvedValueOnce([]).mockResolvedValueOnce({ kind: 'nobody', unitIds: [], text: '' });
    const { client } = fakeClient({ query });
    const commands = new TaskCommands(client);
    await expect(commands.snapshot('wf-1')).resolves.toBe(snapshot);
    await expect(commands.history('wf-1')).resolves.toEqual([]);
    await expect(commands.waitingOn('wf-1')).resolves.toMatchObject({ kind: 'nobody' });
    expect(query.mock.calls.map(([def]) => def.name)).toEqual(['getSnapshot', 'getHistory', 'getWaitingOn']);

    const { client: missing } = fakeClient({ query: jest.fn().mockRejectedValue(new WorkflowNotFoundError('not found', 'wf-x', undefined)) });
    await expect(new TaskCommands(missing).history('wf-x')).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
  });

  it('an action that is not one of TASK_ACTIONS is refused before Temporal is asked', async () => {
    const executeUpdate = jest.fn();
    const { client } = fakeClient({ executeUpdate });
    await expect(new TaskCommands(client).execute('wf-1', 'delete' as never, {})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(executeUpdate).not.toHaveBeenCalled();
  });
});
