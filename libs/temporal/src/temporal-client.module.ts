import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { Env } from '@app/config';
import { TaskCommands } from './task-commands';
import { TaskWorkflowStarter } from './task-workflow.starter';

/**
 * A thin Temporal provider for Nest (nestjs-temporal-core does not follow Nest's releases).
 * The connection is lazy so the API starts, and reports itself unhealthy, while Temporal is down.
 */
@Injectable()
export class TemporalClientHolder implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(Env) readonly env: Env) {
    this.connection = Connection.lazy({ address: env.TEMPORAL_ADDRESS });
    this.client = new Client({ connection: this.connection, namespace: env.TEMPORAL_NAMESPACE });
  }

  get taskQueue(): string {
    return this.env.TEMPORAL_TASK_QUEUE;
  }

  /** Round trip to the frontend service; used by /health. */
  async ping(timeoutMs = 2000): Promise<void> {
    await this.connection.withDeadline(Date.now() + timeoutMs, () =>
      this.connection.workflowService.getSystemInfo({}),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({
  providers: [
    TemporalClientHolder,
    { provide: Client, useFactory: (h: TemporalClientHolder) => h.client, inject: [TemporalClientHolder] },
    {
      provide: TaskWorkflowStarter,
      useFactory: (h: TemporalClientHolder) => new TaskWorkflowStarter(h.client, h.taskQueue),
      inject: [TemporalClientHolder],
    },
    { provide: TaskCommands, useFactory: (h: TemporalClientHolder) => new TaskCommands(h.client), inject: [TemporalClientHolder] },
  ],
  exports: [TemporalClientHolder, Client, TaskWorkflowStarter, TaskCommands],
})
export class TemporalClientModule {}
