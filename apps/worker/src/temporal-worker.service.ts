import { Inject, Injectable, Logger } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Env } from '@app/config';
import { TaskReadModelActivities } from './activities/task-read-model.activities';
import { workflowCacheSizeOfProcess } from './workflow-cache-size';

/**
 * Owns the Temporal worker: activities are Nest providers (bound methods of injected services);
 * workflows come from the prebuilt bundle in production, or are bundled from `workflows/` in
 * development.
 */
@Injectable()
export class TemporalWorkerService {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;

  constructor(
    @Inject(Env) private readonly env: Env,
    private readonly taskReadModel: TaskReadModelActivities,
  ) {}

  activities() {
    return {
      recordTaskEvent: this.taskReadModel.recordTaskEvent.bind(this.taskReadModel),
    };
  }

  async create(): Promise<Worker> {
    this.connection = await NativeConnection.connect({ address: this.env.TEMPORAL_ADDRESS });
    const workflowSource = this.env.WORKFLOW_BUNDLE_PATH
      ? { workflowBundle: { codePath: this.env.WORKFLOW_BUNDLE_PATH } }
      : { workflowsPath: require.resolve('../../../workflows') };
    // The sticky cache holds the open workflows in memory: sized so the worker stays under its RSS target.
    const cache = workflowCacheSizeOfProcess(this.env.WORKER_MAX_CACHED_WORKFLOWS);
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      activities: this.activities(),
      maxCachedWorkflows: cache.maxCachedWorkflows,
      ...workflowSource,
    });
    this.logger.log(
      `worker ready: queue=${this.env.TEMPORAL_TASK_QUEUE} namespace=${this.env.TEMPORAL_NAMESPACE} ` +
        `workflows=${this.env.WORKFLOW_BUNDLE_PATH ? 'bundle' : 'source'} ` +
        `maxCachedWorkflows=${cache.maxCachedWorkflows} (${cache.source === 'configured' ? 'WORKER_MAX_CACHED_WORKFLOWS' : `sized for ${cache.targetMiB} MiB RSS`})`,
    );
    return this.worker;
  }

  /** Resolves when the worker has stopped (after shutdown() or a fatal error). */
  async run(): Promise<void> {
    const worker = this.worker ?? (await this.create());
    try {
      await worker.run();
    } finally {
      await this.connection?.close();
    }
  }

  shutdown(): void {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
  }
}
