import { getHeapSpaceStatistics } from 'node:v8';
import type { ChildJobContext } from '../../src/child/ChildJob.js';
import type { WorkerProgress } from './WorkerMessages.js';

/** Heap samples a run aims for: enough for a robust slope, few enough that gc does not pace the workload. */
export const HEAP_SAMPLES_WANTED = 50;
const CODE_SPACES = new Set(['code_space', 'code_large_object_space']);

const gc = (globalThis as { gc?: () => void }).gc;

/** A WeakRef target or a finished job's garbage stays alive until the current task ends. */
export async function collect(): Promise<void> {
  if (!gc) throw new Error('the soak worker needs node --expose-gc');
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

/** Measures the heap (after gc) and sends the sample to the parent at once, so the child keeps no series. */
export function sendHeapSample(context: ChildJobContext<WorkerProgress>, cycle: number, elapsedMs: number): void {
  const codeSpaceBytes = getHeapSpaceStatistics()
    .filter((space) => CODE_SPACES.has(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  context.progress({
    type: 'heap-sample',
    sample: { cycle, elapsedMs: Math.round(elapsedMs), heapUsedBytes: process.memoryUsage().heapUsed, codeSpaceBytes },
  });
}
