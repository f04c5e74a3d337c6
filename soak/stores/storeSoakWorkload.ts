// The store soak's workload, run in a child process (`runInChild`): a small heap to sample
// and to snapshot, and a fake clock of its own that touches nothing of the parent.

import { type ChildJobContext, childJob } from '../../src/child/ChildJob.js';
import { throwIfStopped } from '../../src/errors.js';
import { serverContextFor, stopStoreServers } from '../../src/harness/index.js';
import { resolveStoreDefinition } from '../../src/stores/loadStore.js';
import { collect, HEAP_SAMPLES_WANTED, sendHeapSample } from '../worker/heapSampling.js';
import type { WorkerProgress } from '../worker/WorkerMessages.js';
import { DEFAULT_STORE_SOAK, StoreSoak, type StoreSoakResult } from './StoreSoak.js';
import { type RetainedSessionTrace, traceRetainedSessions } from './traceRetainedSession.js';

export interface StoreSoakRequest {
  /** A built-in store name or a custom store module's path. */
  readonly store: string;
  /** At least this many cycles and at least this long. */
  readonly cycles?: number;
  readonly durationMs?: number;
}

export interface StoreSoakOutcome {
  readonly result: StoreSoakResult;
  readonly durationMs: number;
  readonly documentedLeak: string | undefined;
  /** A session that expired and was never read again, and memlab's path to its data if anything still holds it. */
  readonly probe: { readonly sessionId: string; readonly trace: RetainedSessionTrace | undefined };
}

export const storeSoakJob = childJob<StoreSoakRequest, StoreSoakOutcome, WorkerProgress>(
  new URL(import.meta.url).href,
  'runStoreSoakWorkload',
);

/** Logins, returning users and expiry on a fake clock, sampling the heap as it goes. */
export async function runStoreSoakWorkload(
  request: StoreSoakRequest,
  context: ChildJobContext<WorkerProgress>,
): Promise<StoreSoakOutcome> {
  const definition = await resolveStoreDefinition(request.store);
  const soak = await StoreSoak.open(request.store, await serverContextFor(definition));
  try {
    const minCycles = request.cycles ?? 0;
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const progress = (cycle: number) =>
      Math.min(
        request.cycles !== undefined ? cycle / request.cycles : 1,
        request.durationMs !== undefined ? elapsed() / request.durationMs : 1,
      );
    let nextSample = 1;
    await collect();
    sendHeapSample(context, 0, 0);
    const result = await soak.run(
      { ...DEFAULT_STORE_SOAK, cycles: minCycles },
      {
        more: (cycle) => progress(cycle) < 1,
        afterCycle: async (cycle) => {
          throwIfStopped(context.signal);
          const slot = Math.floor(progress(cycle) * HEAP_SAMPLES_WANTED);
          if (slot < nextSample) return;
          nextSample = slot + 1;
          await collect();
          sendHeapSample(context, cycle, elapsed());
          context.progress({ type: 'progress', cycle, elapsedMs: Math.round(elapsed()), phase: 'workload' });
        },
      },
    );
    const durationMs = Math.round(elapsed());
    await collect();
    sendHeapSample(context, result.cycles, durationMs);
    // Login 1 of cycle 0 is read only while live and never after it expired.
    const sessionId = StoreSoak.sessionId(soak.store.name, 0, 1);
    const traces = await traceRetainedSessions([StoreSoak.markerOf(sessionId)]);
    return {
      result,
      durationMs,
      documentedLeak: definition.documentedLeak,
      probe: { sessionId, trace: traces.get(StoreSoak.markerOf(sessionId)) },
    };
  } finally {
    await soak.close();
    await stopStoreServers();
  }
}
