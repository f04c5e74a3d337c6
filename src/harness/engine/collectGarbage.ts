import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { HEAP_VERDICT_NODE_FLAGS } from '../../child/nodeFlags.js';
import { HarnessError } from '../../errors.js';

declare const gc: ((options?: { type?: 'major' | 'minor'; execution?: 'sync' }) => void) | undefined;

/** Flags that also keep the optimizing compiler on the main thread. */
const MAIN_THREAD_COMPILE_FLAGS = [
  '--no-concurrent-recompilation',
  '--no-concurrent_recompilation',
  '--single-threaded',
];

/** A heap-level check was asked of a process that cannot give one; it would otherwise pass unmeasured. */
export class HeapVerdictUnavailableError extends HarnessError {
  constructor(readonly missing: readonly string[]) {
    super(
      'usage',
      `a heap-level check needs node ${missing.join(' ')}: run it through npm (npm run props does) ` +
        `or start node with ${HEAP_VERDICT_NODE_FLAGS.join(' ')}`,
    );
    this.name = 'HeapVerdictUnavailableError';
  }
}

/**
 * The node flags of this process. A worker thread's `execArgv` is its own (vitest sets
 * one) though V8 flags are the process's: there, read the process's command line.
 */
function processNodeFlags(): readonly string[] {
  if (isMainThread) return process.execArgv;
  try {
    return readFileSync('/proc/self/cmdline', 'utf8').split('\0');
  } catch {
    return process.execArgv;
  }
}

/** The flags this process lacks for a heap-level verdict; empty when it has them all. */
export function missingHeapVerdictFlags(execArgv: readonly string[] = processNodeFlags()): string[] {
  const missing: string[] = [];
  if (typeof gc !== 'function') missing.push('--expose-gc');
  if (!execArgv.some((flag) => MAIN_THREAD_COMPILE_FLAGS.includes(flag))) missing.push('--no-concurrent-recompilation');
  return missing;
}

/** A process's flags do not change: read them once, not on every collection. */
let missingInThisProcess: readonly string[] | undefined;

export function assertHeapVerdictsPossible(): void {
  missingInThisProcess ??= missingHeapVerdictFlags();
  if (missingInThisProcess.length > 0) throw new HeapVerdictUnavailableError(missingInThisProcess);
}

/**
 * Lets the current job end (a WeakRef's target is kept alive until then), then collects:
 * a full collection, or only the young generation, which is far cheaper and frees what a
 * short case allocated unless a scavenge during the case promoted it. Throws
 * `HeapVerdictUnavailableError` rather than let a check pass without collecting.
 */
export async function collectGarbage(kind: 'full' | 'young' = 'full'): Promise<void> {
  assertHeapVerdictsPossible();
  await new Promise((resolve) => setImmediate(resolve));
  (gc as NonNullable<typeof gc>)(kind === 'young' ? { type: 'minor', execution: 'sync' } : undefined);
}
