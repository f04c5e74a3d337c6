// Entry point of a child process that soaks stores and traces their dead sessions: a heap
// snapshot of a small process is written and read in a fraction of the time a test
// runner's takes. Job as JSON in argv[2]; the answer as one JSON message over IPC.

import type { StoreSoakJob, StoreSoakReport } from './runStoreSoakInChild.js';
import { DEFAULT_STORE_SOAK, StoreSoak, type StoreSoakResult } from './StoreSoak.js';
import { traceRetainedSessions } from './traceRetainedSession.js';

const job = JSON.parse(process.argv[2] ?? '{}') as StoreSoakJob;
const soaks: StoreSoak[] = [];
const results: StoreSoakResult[] = [];
try {
  for (const store of job.stores) {
    const soak = await StoreSoak.open(store);
    soaks.push(soak);
    results.push(await soak.run(job.workload ?? DEFAULT_STORE_SOAK));
  }
  // One expired session per store that nobody read after it expired: the first login of
  // cycle 0 is read only while live (readEvery) and, being index 0, late too; index 1 never is.
  const probes = job.stores.map((store) => StoreSoak.markerOf(StoreSoak.sessionId(store, 0, 1)));
  const traces = await traceRetainedSessions(probes);
  const report: StoreSoakReport = {
    results,
    traces: job.stores.map((store, index) => ({
      store,
      sessionId: StoreSoak.sessionId(store, 0, 1),
      trace: traces.get(probes[index] as string),
    })),
  };
  process.send?.(report);
} finally {
  for (const soak of soaks) await soak.close();
}
