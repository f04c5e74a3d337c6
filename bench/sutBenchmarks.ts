import { FAULT_PROFILES } from '../src/faults.js';
import type { BenchResult } from '../src/harness/reports/BenchReport.js';
import type { SyncSystem } from '../src/harness/router/SyncSystem.js';
import type { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';
import { type ApiSession, liveAdd } from '../src/session/messages.js';
import { StateManager } from '../src/session/StateManager.js';
import { prepareFullSync, runFullSync } from './fullSync.js';
import { type TimedTask, timeTasks } from './measure.js';

const gc = (globalThis as { gc?: () => void }).gc;

function label(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`;
}

function sessionsOf(n: number): ApiSession[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `as-${String(i + 1).padStart(12, '0')}`,
    token: `token-${i + 1}`,
    identityId: 'identity-1',
    certFingerprints: [],
  }));
}

/** heapUsed per cached session after gc, with the router holding the synced sessions. */
function heapPerSession(n: number): number {
  if (!gc) return Number.NaN;
  gc();
  const before = process.memoryUsage().heapUsed;
  const system = prepareFullSync(n);
  runFullSync(system);
  gc();
  const after = process.memoryUsage().heapUsed;
  const cached = system.router.stats().sessionsCached;
  return (after - before) / Math.max(1, cached);
}

export async function sutBenchmarks(sizes: readonly number[], timeMs: number, log: (line: string) => void) {
  const tasks: TimedTask[] = [];
  for (const n of sizes) {
    let system: SyncSystem<VirtualRuntime> | undefined;
    tasks.push({
      name: `sut/full-sync/${label(n)}`,
      group: 'sut',
      items: n,
      unit: 'µs/item',
      setup: () => {
        system = prepareFullSync(n);
      },
      run: () => {
        if (system) runFullSync(system);
      },
      note: 'per session, chunks of 100, virtual runtime',
    });
  }
  for (const n of sizes) {
    const known = sessionsOf(n);
    // Made once: fresh sessions in every setup left each sample to collect the last one's
    // 1.5 n sessions, and the 100k figure measured the collector more than the removal.
    const cached = sessionsOf(n + n / 2);
    let state = new StateManager(FAULT_PROFILES.fixed);
    tasks.push({
      name: `sut/remove-missing/${label(n)}`,
      group: 'sut',
      items: n,
      unit: 'ms',
      setup: () => {
        state = new StateManager(FAULT_PROFILES.fixed);
        // Half of the cache is missing from the sync and must go.
        for (const session of cached) state.addApiSession(session);
      },
      run: () => {
        state.removeMissingApiSessions(known, `as-${String(n + n / 2).padStart(12, '0')}`);
      },
    });
  }
  const LIVE_ADDS = 1_000;
  for (const during of [false, true]) {
    let system: SyncSystem<VirtualRuntime> | undefined;
    tasks.push({
      name: `sut/live-adds/${during ? 'during-sync' : 'outside-sync'}`,
      group: 'sut',
      items: LIVE_ADDS,
      unit: 'items/s',
      setup: () => {
        system = prepareFullSync(1_000);
        if (!during) runFullSync(system);
        else {
          system.channel.connect();
          system.runtime.runUntilIdle({ maxSteps: 3 }); // first chunks in: the sync is in progress
        }
      },
      run: () => {
        if (!system) return;
        for (let i = 0; i < LIVE_ADDS; i++) {
          const session = { id: `as-9${i}`, token: `live-${i}`, identityId: 'identity-1', certFingerprints: [] };
          system.router.receive(liveAdd({ id: `live-${i}`, isLast: true, sequence: 0 }, [session]));
        }
        system.runtime.runUntilIdle({ maxSteps: 100_000, untilTime: system.runtime.now() });
      },
    });
  }
  const results: BenchResult[] = await timeTasks(tasks, timeMs, log);
  for (const n of sizes.filter((size) => size <= 100_000)) {
    const bytes = heapPerSession(n);
    results.push({
      name: `sut/heap-per-session/${label(n)}`,
      group: 'sut',
      unit: 'bytes/session',
      value: bytes,
      higherIsBetter: false,
      spread: { samples: 1, min: bytes, max: bytes },
    });
    log(`sut/heap-per-session/${label(n)}: ${bytes.toFixed(0)} bytes/session`);
  }
  // Linear growth: t(10N)/t(N) stays near 10.
  for (let i = 1; i < sizes.length; i++) {
    const small = results.find((r) => r.name === `sut/remove-missing/${label(sizes[i - 1] ?? 0)}`);
    const large = results.find((r) => r.name === `sut/remove-missing/${label(sizes[i] ?? 0)}`);
    if (!small || !large) continue;
    const ratio = large.value / small.value;
    results.push({
      name: `sut/remove-missing/growth-${label(sizes[i] ?? 0)}-over-${label(sizes[i - 1] ?? 0)}`,
      group: 'sut',
      unit: 'ratio',
      value: ratio,
      higherIsBetter: false,
      spread: { samples: 1, min: ratio, max: ratio },
      note: 'linear growth is 10',
    });
    log(`remove-missing t(10N)/t(N) at ${label(sizes[i] ?? 0)}: ${ratio.toFixed(2)}`);
  }
  return results;
}
