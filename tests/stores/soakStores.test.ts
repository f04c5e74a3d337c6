import { afterAll, describe, expect, test } from 'vitest';
import { runStoreSoakInChild } from '../../soak/stores/runStoreSoakInChild.js';
import { StoreSoak, type StoreSoakResult } from '../../soak/stores/StoreSoak.js';

const workload = { cycles: 30, loginsPerCycle: 20, readEvery: 2, lateReadEvery: 4, maxAgeSeconds: 3, cycleMs: 1_000 };

describe('store soak: logins, returning users and expiry on a fake clock', () => {
  const soaks: StoreSoak[] = [];
  const results = new Map<string, StoreSoakResult>();
  afterAll(async () => {
    for (const soak of soaks) await soak.close();
  });

  async function soak(name: string): Promise<StoreSoakResult> {
    const cached = results.get(name);
    if (cached) return cached;
    const opened = await StoreSoak.open(name);
    soaks.push(opened);
    const result = await opened.run({
      cycles: 30,
      loginsPerCycle: 20,
      readEvery: 2,
      lateReadEvery: 4,
      maxAgeSeconds: 3,
      cycleMs: 1_000,
    });
    results.set(name, result);
    return result;
  }

  test('express-memory keeps every expired session nobody read again; a late read drops one', async () => {
    const result = await soak('express-memory');
    expect(result.sessionsStored).toBe(600);
    // Logins of cycle c (at t=c s) expire at c+3 s; the run stops at t=30 s: cycles 0..27 expired.
    expect(result.expired).toBe(560);
    // Cycle c reads every 4th login of cycle c-3, just expired: 5 late reads in each of cycles 3..29.
    const lateReads = 5 * 27;
    expect(result.deadRetained.length).toBe(result.expired - lateReads);
  });

  test('memorystore keeps none of them once its checkPeriod has passed', async () => {
    const result = await soak('memorystore');
    expect(result.expired).toBe(560);
    expect(result.deadRetained).toEqual([]);
  });

  // In a child process: a snapshot of a small heap is written and read far faster than the
  // test runner's own, and the path does not depend on what the runner holds.
  test("memlab's retainer path to a dead session's data names MemoryStore → sessions; memorystore's is gone", async () => {
    const report = await runStoreSoakInChild({ stores: ['express-memory', 'memorystore'], workload });
    expect(report.results.map((r) => [r.store, r.expired, r.deadRetained.length])).toEqual([
      ['express-memory', 560, 425],
      ['memorystore', 560, 0],
    ]);
    const [leaked, freed] = report.traces;
    const path = leaked?.trace?.path.join('\n') ?? '';
    expect(path).toMatch(/MemoryStore \[object[^\n]*\n--\.sessions \(property\)-->\n/);
    expect(path).toContain(`--.${leaked?.sessionId} (property)-->`);
    expect(freed?.sessionId).toBe('soak-memorystore-0-1');
    expect(freed?.trace).toBeUndefined();
  });
});
