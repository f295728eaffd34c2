import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { loadActor } from '@app/persistence';
import { provisionAdHocTask } from '@app/temporal';
import { commentUpdate, getSnapshotQuery } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { freePort } from '../../infra/provision/net.util';
import { DevServer, startDevServer } from '../../infra/provision/temporal.provision';
import { env, eventually, openDataSource, seedTestOrganization, startWorkerProcess, starterFor, uniqueSuffix, WorkerProcess } from '../support/stack';

const managed = process.env.PLANFLOW_TEST_TEMPORAL === 'managed';

/**
 * The dev server's SQLite persistence has had restart bugs (temporalio/cli#632): this proves that a
 * running task survives a restart of our Temporal server on the same SQLite file. It needs the
 * `temporal` binary, so it runs when `npm test` manages Temporal itself (the default).
 */
(managed ? describe : describe.skip)('Temporal dev server restart on the same SQLite file', () => {
  const dbFile = join(env('PLANFLOW_TEST_DIR'), `restart-${uniqueSuffix()}.db`);
  const logFile = join(env('PLANFLOW_TEST_DIR'), 'restart-temporal.log');
  const taskQueue = `restart-${uniqueSuffix()}`;
  let port: number;
  let server: DevServer | undefined;
  let connection: Connection | undefined;
  let worker: WorkerProcess | undefined;
  let ds: DataSource;

  // The same start-up `npm start` and `npm test` use, on this test's own port and SQLite file.
  async function startServer(): Promise<Client> {
    server = await startDevServer({ binary: env('TEMPORAL_BIN'), dbFile, port, namespace: env('TEMPORAL_NAMESPACE'), logFile });
    connection = await Connection.connect({ address: server.address });
    return new Client({ connection, namespace: env('TEMPORAL_NAMESPACE') });
  }

  beforeAll(async () => {
    port = await freePort();
    ds = await openDataSource();
  });

  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await server?.stop();
    await ds?.destroy();
  });

  it('a task started before the restart answers, takes updates and writes the read model after it', async () => {
    const org = await seedTestOrganization(ds);
    let client = await startServer();
    worker = await startWorkerProcess({ taskQueue, temporalAddress: `127.0.0.1:${port}` });
    const spec = { organizationCode: org.code, taskKey: 'restart', title: 'Cập nhật cơ sở dữ liệu về tôn giáo', ownerUnitCode: 'BTG', dueOn: null };
    const task = await provisionAdHocTask(ds, starterFor(client, taskQueue), spec);
    await eventually('created', async () => {
      const [r] = await ds.query(`SELECT version FROM tasks WHERE id = $1`, [task.taskId]);
      return r?.version === 1;
    });

    await connection!.close();
    await server!.stop();
    client = await startServer();

    const handle = client.workflow.getHandle(task.workflowId);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await handle.query(getSnapshotQuery)).toMatchObject({ state: 'DRAFTING', version: 1 });
    const actor = await loadActor(ds, { username: `${org.code.toLowerCase()}.btg.chuyenvien` });
    const snap = await handle.executeUpdate(commentUpdate, { args: [{ actor, idempotencyKey: 'after-restart', text: 'Đã khởi động lại máy chủ.' }] });
    expect(snap).toMatchObject({ version: 2, commentCount: 1 });
    await eventually('comment in the read model', async () => {
      const [r] = await ds.query(`SELECT version FROM tasks WHERE id = $1`, [task.taskId]);
      return r?.version === 2;
    });
    const events: Array<{ type: string }> = await ds.query(`SELECT type FROM task_events WHERE task_id = $1 ORDER BY version`, [task.taskId]);
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'COMMENTED']);
  });
});
