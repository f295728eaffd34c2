import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { TaskCommands } from '@app/temporal';

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

  constructor(private readonly taskCommands: TaskCommands) {
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleInit(): void {
    this.taskCommands.onExecuted(({ action, outcome, seconds }) => this.workflowUpdateDuration.observe({ action, outcome }, seconds));
  }
}
