import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

const MiB = 2 ** 20;

/**
 * What one cached task workflow costs the worker's RSS: `bench/footprint.bench.ts --tasks=2000
 * --cache=2000` measured 0.23 MiB (worker RSS with every task cached, minus idle, over the tasks;
 * README "Performance"), counted here with the garbage collector's headroom (a cache that evicts
 * and replays leaves garbage behind). A cached workflow holds its model (title, milestones, rounds,
 * history entries, the working calendar of its organization) and its global scope in the shared
 * V8 context.
 */
export const TASK_WORKFLOW_CACHE_BYTES = 0.4 * MiB;

/** The worker's RSS before any workflow is cached (Nest, TypeORM pool, the bundle, the SDK's runtime): 331–348 MiB measured. */
export const WORKER_BASE_BYTES = 340 * MiB;

/** The most RSS the worker aims at by default, whatever the machine: under 1 GiB with room for bursts. */
export const WORKER_DEFAULT_RSS_TARGET_BYTES = 800 * MiB;

/** Of the memory the process may use (cgroup limit or the machine's), the share the worker aims at. */
export const WORKER_MEMORY_SHARE = 0.5;

export interface WorkflowCacheSize {
  maxCachedWorkflows: number;
  /** 'configured': WORKER_MAX_CACHED_WORKFLOWS; 'memory': sized from the memory available. */
  source: 'configured' | 'memory';
  /** The RSS the sizing aimed at, in MiB (memory sizing only). */
  targetMiB?: number;
}

/**
 * The sticky cache size of the worker. A workflow that is not cached is replayed from its history
 * at its next workflow task (a few ms per task for our histories): the cache trades memory for
 * that replay. The SDK's default sizes it from V8's heap limit alone (about 2,300 workflows on a
 * 4 GiB heap: 1.36 GiB RSS with 10,000 open tasks, issue 20); here it is what fits in the RSS
 * target: the smallest of {@link WORKER_DEFAULT_RSS_TARGET_BYTES}, half the memory the process may
 * use (cgroup limit, else the machine's) and the V8 heap limit, minus the idle worker, divided by
 * the cost of one cached task workflow. At least 2 (the SDK's minimum for a non-zero cache);
 * `WORKER_MAX_CACHED_WORKFLOWS` overrides it (`0` disables the cache).
 */
export function workflowCacheSize(input: {
  configured?: number;
  memoryLimitBytes: number;
  heapLimitBytes: number;
  perWorkflowBytes?: number;
  baseBytes?: number;
  targetBytes?: number;
}): WorkflowCacheSize {
  if (input.configured !== undefined) return { maxCachedWorkflows: input.configured, source: 'configured' };
  const target = Math.min(input.targetBytes ?? WORKER_DEFAULT_RSS_TARGET_BYTES, input.memoryLimitBytes * WORKER_MEMORY_SHARE, input.heapLimitBytes);
  const free = target - (input.baseBytes ?? WORKER_BASE_BYTES);
  const n = Math.floor(Math.max(0, free) / (input.perWorkflowBytes ?? TASK_WORKFLOW_CACHE_BYTES));
  return { maxCachedWorkflows: Math.max(2, n), source: 'memory', targetMiB: Math.round(target / MiB) };
}

/** The memory this process may use: its cgroup's limit (v2, then v1) when there is one, else the machine's. */
export function memoryLimitBytes(read: (path: string) => string = (p) => readFileSync(p, 'utf8')): number {
  const machine = totalmem();
  for (const path of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const value = Number(read(path).trim());
      // "max" (no limit) reads as NaN; cgroup v1 writes a huge number for "no limit".
      if (Number.isFinite(value) && value > 0 && value < machine) return value;
    } catch {
      // No such cgroup file: not limited that way.
    }
  }
  return machine;
}

/** The cache size for this process: from the environment, else from its memory and heap limits. */
export function workflowCacheSizeOfProcess(configured: number | undefined): WorkflowCacheSize {
  return workflowCacheSize({ configured, memoryLimitBytes: memoryLimitBytes(), heapLimitBytes: getHeapStatistics().heap_size_limit });
}
