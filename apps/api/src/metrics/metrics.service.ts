import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { countInboxTasksByOrganization } from '@app/persistence';
import { TaskCommands } from '@app/temporal';
import { vietnamToday } from '../tasks/task-query.service';

/** Latency buckets in seconds, from a cached read to a Workflow Update waiting on a busy worker. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The API's Prometheus metrics, in a registry of its own (not prom-client's global one: tests run
 * several apps in one process, and each must count only its own requests).
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });

  readonly workflowUpdateDuration = new Histogram({
    name: 'planflow_workflow_update_duration_seconds',
    help: 'Task actions run as Workflow Updates (TaskCommands.execute), by action and outcome (ok, refused, error)',
    labelNames: ['action', 'outcome'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });

  /**
   * What waits in the inboxes, per organization (code) and box, counted from the read model when
   * Prometheus scrapes: unit tasks being drafted, in review, awaiting approval, with an extension
   * request undecided, overdue; plan rows waiting for their starting event. The per-person boxes
   * (escalated, notifications) are people's views of these and are not counted again.
   */
  readonly inboxTasks = new Gauge({
    name: 'planflow_inbox_tasks',
    help: 'Tasks waiting in each inbox box (draft, review, approve, extensions, overdue, waiting) per organization, from the read model',
    labelNames: ['organization', 'box'] as const,
    registers: [this.registry],
    collect: () => this.countInboxes(),
  });

  constructor(
    private readonly taskCommands: TaskCommands,
    private readonly dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  private async countInboxes(): Promise<void> {
    const rows = await countInboxTasksByOrganization(this.dataSource, vietnamToday());
    this.inboxTasks.reset();
    for (const { organization, ...boxes } of rows) {
      for (const [box, n] of Object.entries(boxes)) this.inboxTasks.set({ organization, box }, Number(n));
    }
  }

  onModuleInit(): void {
    this.taskCommands.onExecuted(({ action, outcome, seconds }) => this.workflowUpdateDuration.observe({ action, outcome }, seconds));
  }
}
