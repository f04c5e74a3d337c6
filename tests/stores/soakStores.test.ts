import { afterAll, describe, expect, test } from 'vitest';
import { runSoak } from '../../soak/runSoak.js';
import { StoreSoak, type StoreSoakResult } from '../../soak/stores/StoreSoak.js';
import { temporaryReportsDir } from '../support/runCli.js';

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
    const result = await opened.run(workload);
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

  // In a child process, as npm run soak -- --store runs it: a snapshot of a small heap is
  // written and read far faster than the test runner's own, and the path does not depend on
  // what the runner holds.
  test("npm run soak -- --store: express-memory leaks with memlab's path through MemoryStore → sessions; memorystore is clean", async () => {
    const reportsRoot = temporaryReportsDir();
    const leaked = await runSoak({ kind: 'store', store: 'express-memory', cycles: 160 }, { reportsRoot });
    expect(leaked.report.verdict).toBe('leak');
    expect(leaked.report.expect).toBe('leak');
    expect(leaked.report.targetVersion).toBe('express-session@1.19.0');
    expect(leaked.report.reasons[0]).toMatch(/^deadSessionsRetained: \d+ sessions \(limit 0\)$/);
    const path = leaked.report.traces[0]?.lines.join('\n') ?? '';
    expect(path).toMatch(/MemoryStore \[object[^\n]*\n--\.sessions \(property\)-->\n/);
    expect(path).toContain('--.soak-express_memory-0-1 (property)-->');
    const clean = await runSoak({ kind: 'store', store: 'memorystore', cycles: 160 }, { reportsRoot });
    expect(clean.report.verdict, clean.report.reasons.join('; ')).toBe('clean');
    expect(clean.report.checks.every((check) => check.notJudged === undefined)).toBe(true);
    expect(clean.report.traces).toEqual([]);
  }, 120_000);
});
