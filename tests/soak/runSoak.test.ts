import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSoak } from '../../soak/runSoak.js';
import { readSoakReport } from '../../src/harness/reports/SoakReport.js';
import { temporaryReportsDir } from '../support/runCli.js';

describe('a short soak, end to end (worker, snapshots, memlab analysis, report)', () => {
  test('under fixed: clean, nothing retained, snapshots deleted', async () => {
    const root = temporaryReportsDir();
    const { report, dir } = await runSoak({ kind: 'scenario', scenario: 'steady', profile: 'fixed', cycles: 30 }, root);
    expect(report.verdict, report.reasons.join('; ')).toBe('clean');
    expect(report.retained).toEqual([]);
    expect(readSoakReport(join(dir, 'report.json')).verdict).toBe('clean');
    expect(readdirSync(join(dir, 'snapshots'))).toEqual([]);
    expect(report.memlabCommand).toBeUndefined();
  }, 60_000);

  test('under no-release: a leak naming the SyncTracker, its trace through the receive loop, snapshots kept', async () => {
    const root = temporaryReportsDir();
    const { report, dir } = await runSoak(
      { kind: 'scenario', scenario: 'steady', profile: 'no-release', cycles: 30 },
      root,
    );
    expect(report.verdict).toBe('leak');
    expect(report.retained[0]?.className).toBe('SyncTracker');
    const trace = report.traces.find((t) => t.className === 'SyncTracker')?.lines.join('\n') ?? '';
    expect(trace).toContain('SyncReceiveLoop');
    expect(trace).toContain('.tracker');
    for (const snapshot of report.snapshots.filter((s) => s.file !== undefined)) {
      expect(existsSync(join(dir, snapshot.file ?? ''))).toBe(true);
    }
    expect(report.memlabCommand).toMatch(
      /^npx memlab find-leaks --baseline \S+ --target \S+ --final \S+ --leak-filter soak\/analysis\/leakFilter.cjs$/,
    );
  }, 60_000);
});
