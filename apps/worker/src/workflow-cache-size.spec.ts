import { memoryLimitBytes, TASK_WORKFLOW_CACHE_BYTES, WORKER_BASE_BYTES, workflowCacheSize } from './workflow-cache-size';

const MiB = 2 ** 20;
const GiB = 1024 * MiB;

describe('workflowCacheSize', () => {
  it('takes WORKER_MAX_CACHED_WORKFLOWS as it is, 0 included', () => {
    expect(workflowCacheSize({ configured: 0, memoryLimitBytes: 64 * GiB, heapLimitBytes: 4 * GiB })).toEqual({ maxCachedWorkflows: 0, source: 'configured' });
    expect(workflowCacheSize({ configured: 5000, memoryLimitBytes: GiB, heapLimitBytes: GiB }).maxCachedWorkflows).toBe(5000);
  });

  it('on a large machine aims at the default RSS target, under 1 GiB with its cache full', () => {
    const size = workflowCacheSize({ memoryLimitBytes: 24 * GiB, heapLimitBytes: 4144 * MiB });
    expect(size.source).toBe('memory');
    expect(size.targetMiB).toBe(800);
    expect(size.maxCachedWorkflows).toBe(Math.floor((800 * MiB - WORKER_BASE_BYTES) / TASK_WORKFLOW_CACHE_BYTES));
    expect(WORKER_BASE_BYTES + size.maxCachedWorkflows * TASK_WORKFLOW_CACHE_BYTES).toBeLessThan(GiB);
  });

  it('in a small container takes half its memory limit, and never less than 2', () => {
    expect(workflowCacheSize({ memoryLimitBytes: GiB, heapLimitBytes: 4 * GiB, perWorkflowBytes: MiB, baseBytes: 300 * MiB })).toEqual({
      maxCachedWorkflows: 212,
      source: 'memory',
      targetMiB: 512,
    });
    expect(workflowCacheSize({ memoryLimitBytes: 256 * MiB, heapLimitBytes: 4 * GiB }).maxCachedWorkflows).toBe(2);
  });

  it('never aims above the V8 heap limit', () => {
    expect(workflowCacheSize({ memoryLimitBytes: 64 * GiB, heapLimitBytes: 500 * MiB, perWorkflowBytes: MiB, baseBytes: 400 * MiB })).toMatchObject({
      maxCachedWorkflows: 100,
      targetMiB: 500,
    });
  });
});

describe('memoryLimitBytes', () => {
  it('reads a cgroup v2 limit, ignores "max" and falls back to cgroup v1, then the machine', () => {
    expect(memoryLimitBytes((p) => (p.endsWith('memory.max') ? `${GiB}\n` : '0'))).toBe(GiB);
    expect(memoryLimitBytes((p) => (p.endsWith('memory.max') ? 'max\n' : `${2 * GiB}\n`))).toBe(2 * GiB);
    const machine = memoryLimitBytes(() => {
      throw new Error('ENOENT');
    });
    expect(machine).toBeGreaterThan(0);
    expect(memoryLimitBytes(() => '9223372036854771712')).toBe(machine);
  });
});
