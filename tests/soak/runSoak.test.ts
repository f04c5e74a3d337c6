import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MIN_CYCLES_FOR_SLOPE } from '../../soak/analysis/thresholds.js';
import { QUEUED_POST_SYNC } from '../../soak/analysis/traceQueuedPostSync.js';
import { runSoak } from '../../soak/runSoak.js';
import { readSoakReport } from '../../src/reports/SoakReport.js';
import { REPO_ROOT, runCli, temporaryReportsDir } from '../support/runCli.js';

// Timeouts leave room for a machine whose two cores are shared with other test runs: each soak
// takes 20 to 40 s alone, and more than 60 s under a load of 15.
describe('a short soak, end to end (worker, snapshots, memlab analysis, report)', () => {
  test('too short to judge the heap slope: inconclusive, never clean, and exit 2', () => {
    const root = temporaryReportsDir();
    const run = runCli('soak', ['--scenario', 'steady', '--duration', '1ms'], root);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/^INCONCLUSIVE: steady under fixed, \d+ cycles/);
    expect(run.stdout).toContain('heapSlopePerCycle not judged');
  }, 180_000);

  test('under fixed: clean with every limit judged, nothing retained, snapshots deleted', async () => {
    const root = temporaryReportsDir();
    const { report, dir } = await runSoak(
      { kind: 'scenario', scenario: 'steady', profile: 'fixed', cycles: MIN_CYCLES_FOR_SLOPE },
      { reportsRoot: root },
    );
    expect(report.verdict, report.reasons.join('; ')).toBe('clean');
    expect(report.checks.filter((c) => c.notJudged !== undefined)).toEqual([]);
    expect(report.retained).toEqual([]);
    // The watcher of `freed` saw sessions, chunks and a tracker end, and none is still reachable.
    expect(report.lifecycle?.map((row) => row.kind)).toEqual(expect.arrayContaining(['session', 'chunk', 'tracker']));
    expect(report.lifecycle?.every((row) => row.ended > 0 && row.retained === 0)).toBe(true);
    expect(readSoakReport(join(dir, 'report.json')).verdict).toBe('clean');
    expect(existsSync(join(dir, 'snapshots')), 'a clean soak leaves no snapshot folder').toBe(false);
    expect(report.memlabCommand).toBeUndefined();
  }, 180_000);

  test('under no-release: a leak naming the SyncTracker, its trace through the receive loop, snapshots kept', async () => {
    const root = temporaryReportsDir();
    const { report, dir } = await runSoak(
      { kind: 'scenario', scenario: 'steady', profile: 'no-release', cycles: 30 },
      { reportsRoot: root },
    );
    expect(report.verdict).toBe('leak');
    expect(report.retained[0]?.className).toBe('SyncTracker');
    // In the words of `freed`: the applied tracker, its chunks and the sessions in them are still reachable.
    const reachable = Object.fromEntries((report.lifecycle ?? []).map((row) => [row.kind, row.retained]));
    expect(reachable).toMatchObject({ tracker: 1, chunk: expect.any(Number), session: expect.any(Number) });
    expect(reachable.chunk).toBeGreaterThan(0);
    expect(report.reasons).toContain(
      `endedObjectsReachable: ${report.checks.find((c) => c.name === 'endedObjectsReachable')?.measured} objects (limit 0)`,
    );
    const trace = report.traces.find((t) => t.className === 'SyncTracker')?.lines.join('\n') ?? '';
    expect(trace).toContain('SyncReceiveLoop');
    expect(trace).toContain('.tracker');
    for (const snapshot of report.snapshots.filter((s) => s.file !== undefined)) {
      expect(existsSync(join(dir, snapshot.file ?? ''))).toBe(true);
    }
    expect(report.memlabCommand).toMatch(
      /^npx memlab find-leaks --baseline \S+start\.heapsnapshot --target \S+final\.heapsnapshot --final \S+ --leak-filter soak\/analysis\/leakFilter.cjs$/,
    );
    // The command names files relative to the repository root; each must have been kept.
    const files = [...(report.memlabCommand ?? '').matchAll(/--(?:baseline|target|final) (\S+)/g)].map(
      (m) => m[1] ?? '',
    );
    expect(files).toHaveLength(3);
    for (const file of files) expect(existsSync(join(REPO_ROOT, file)), file).toBe(true);
  }, 180_000);

  test('under inverted-flag: a leak whose trace shows the queued post-sync request in the receive queue', async () => {
    const root = temporaryReportsDir();
    const { report, dir } = await runSoak(
      { kind: 'scenario', scenario: 'steady', profile: 'inverted-flag', cycles: 30 },
      { reportsRoot: root },
    );
    expect(report.verdict).toBe('leak');
    expect(report.reasons[0]).toBe('postSyncOutsideSyncPeak: 1 sessions (limit 0)');
    // Released with the tracker: nothing of it is left at the end, only at the moment it was queued.
    expect(report.retained).toEqual([]);
    const trace = report.traces.find((t) => t.className === QUEUED_POST_SYNC);
    expect(trace?.count).toBeGreaterThanOrEqual(1);
    const lines = trace?.lines.join('\n') ?? '';
    expect(lines).toMatch(/ReceiveQueue \[object[^\n]*\n--\.items \(property\)-->/);
    const evidence = report.extraSnapshots?.find((s) => s.label === 'post-sync-queued');
    expect(evidence?.file).toBeDefined();
    expect(existsSync(join(dir, evidence?.file ?? ''))).toBe(true);
  }, 180_000);
});
