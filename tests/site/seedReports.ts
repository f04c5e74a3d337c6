import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Counterexample } from '../../src/harness/index.js';
import type { BenchReport } from '../../src/reports/BenchReport.js';
import type { MutationReport } from '../../src/reports/MutationReport.js';
import type { NightlySummary } from '../../src/reports/NightlySummary.js';
import type { SoakReport } from '../../src/reports/SoakReport.js';

/** Text from generated input that would run script if a page pasted it in as markup. */
export const HOSTILE_TOKEN = '<img src=x onerror=alert(1)>';

function write(root: string, path: string, value: unknown): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

function soak(overrides: Partial<SoakReport>): SoakReport {
  return {
    kind: 'soak-report',
    version: 2,
    system: 'router',
    scenario: 'steady',
    target: 'fixed',
    expect: 'clean',
    startedAt: '2026-11-20T00:00:00.000Z',
    durationMs: 30_000,
    cycles: 600,
    verdict: 'clean',
    reasons: [],
    checks: [
      {
        name: 'retainedTrackers',
        measured: 0,
        limit: 0,
        unit: 'trackers',
        passed: true,
        justification: 'no sync in progress needs a tracker',
      },
    ],
    heapTrend: [0, 5, 10, 15, 20].map((cycle, i) => ({
      cycle,
      elapsedMs: cycle * 50,
      heapUsedBytes: 10_000_000 + i * 4096,
    })),
    heapSlopeBytesPerCycle: 800,
    snapshots: ['baseline', 'during-1', 'final'].map((label, i) => ({ label, cycle: i * 10, bytes: 9_000_000 })),
    classGrowth: [{ className: 'Router', counts: [1, 1, 1] }],
    retained: [],
    traces: [],
    finalStats: { syncsApplied: 30 },
    analysisMs: 4000,
    ...overrides,
  };
}

const LEAKED_TRACKER: Partial<SoakReport> = {
  verdict: 'leak',
  reasons: [`retainedTrackers: 1 trackers (limit 0), token ${HOSTILE_TOKEN}`],
  classGrowth: [
    { className: 'SyncTracker', counts: [1, 2, 3] },
    { className: 'Router', counts: [1, 1, 1] },
  ],
  retained: [{ className: 'SyncTracker', count: 1, selfBytes: 136, retainedBytes: 15_544 }],
  traces: [
    // Listed first but smaller: "held by" must still name the tracker.
    {
      className: 'post-sync request held by the receive queue while no sync was in progress',
      count: 1,
      retainedBytes: 472,
      lines: [
        'ReceiveQueue [object, @7]',
        '--.items (property)-->',
        'Array [object, @8]',
        '--.0 (element)-->',
        'Object [object, @9]',
      ],
    },
    {
      className: 'SyncTracker',
      count: 1,
      retainedBytes: 15_544,
      lines: [
        '(GC roots) [synthetic, @3]',
        '--.receiveLoop (property)-->',
        'Router [object, @44959]',
        '--.tracker (property)-->',
        `SyncTracker [object, @45001] holding session ${HOSTILE_TOKEN}`,
      ],
    },
  ],
};

/**
 * A reports folder with one of everything the site reads: a clean and then leaking soak
 * under fixed, a fault-profile leak, a counterexample, a failed night, two benchmark
 * runs, and two files that cannot be read. Hostile text sits in every free-text field.
 */
export function seedReports(root: string): void {
  write(root, 'soak/2026-11-20T00-00-00Z-steady-fixed/report.json', soak({}));
  write(
    root,
    'soak/2026-11-21T00-00-00Z-steady-fixed/report.json',
    soak({ startedAt: '2026-11-21T00:00:00.000Z', ...LEAKED_TRACKER }),
  );
  write(
    root,
    'soak/2026-11-22T00-00-00Z-steady-fixed/report.json',
    soak({ startedAt: '2026-11-22T00:00:00.000Z', ...LEAKED_TRACKER }),
  );
  write(
    root,
    'soak/2026-11-22T01-00-00Z-resync-storm-pre-2670/report.json',
    soak({
      startedAt: '2026-11-22T01:00:00.000Z',
      scenario: 'resync-storm',
      target: 'pre-2670',
      expect: 'leak',
      ...LEAKED_TRACKER,
    }),
  );
  const counterexample: Counterexample = {
    format: 'session-sync-counterexample',
    version: 2,
    system: 'router',
    target: 'no-release',
    property: 'freed',
    seed: 42,
    path: '0',
    numRuns: 1,
    fastCheckVersion: '4.10.2',
    commit: '0000000000000000000000000000000000000000',
    createdAt: '2026-11-22T02:00:00.000Z',
    params: { chunkSize: 1, initialSessions: 0, tickIntervalMs: 1000, deadlineMs: 20000 },
    steps: [],
    readableSteps: [],
    failure: { invariant: 'freed', phase: 'step', atEntry: 4, message: `tracker holds ${HOSTILE_TOKEN}` },
  };
  write(root, 'counterexamples/freed-no-release-42.json', counterexample);
  // The nightly's own copy of the same failure: shown once.
  write(root, 'nightly/2026-11-22T03-00-00Z/counterexamples/freed-no-release-42.json', counterexample);
  const night: NightlySummary = {
    kind: 'nightly-summary',
    version: 2,
    startedAt: '2026-11-22T03:00:00.000Z',
    durationMs: 200_000,
    budgetMs: 270_000,
    commit: 'abc',
    shards: [{ index: 1, count: 1, seed: 1, parts: ['properties', 'soak', 'bench'] }],
    verdict: 'fail',
    reasons: [`soak steady/fixed leaked: ${HOSTILE_TOKEN}`],
    properties: [],
    soaks: [],
  };
  write(root, 'nightly/2026-11-22T03-00-00Z/summary.json', night);
  const fullSync1k = (perSession: number) => ({
    name: 'sut/full-sync/1k',
    group: 'sut' as const,
    unit: 'µs/session',
    value: perSession,
    higherIsBetter: false,
    spread: { samples: 3, min: perSession * 0.9, max: perSession * 1.1 },
  });
  // Written before gates: absolute figures only, still read for their trend.
  write(root, 'bench/2026-11-20.json', {
    kind: 'bench-report',
    version: 1,
    startedAt: '2026-11-20T04:00:00.000Z',
    durationMs: 60_000,
    node: 'v20',
    machine: { cpus: 2, totalMemBytes: 1 },
    quick: true,
    results: [fullSync1k(1.5)],
    comparison: [{ name: 'sut/full-sync/1k', baseline: 1, current: 1.5, ratio: 1.5, threshold: 2, regressed: false }],
  });
  for (const [day, perSession, gateValue] of [
    ['21', 1.6, 1.02],
    ['22', 4.8, 3.1],
  ] as const) {
    const regressed = gateValue > 1.5;
    const bench: BenchReport = {
      kind: 'bench-report',
      version: 2,
      startedAt: `2026-11-${day}T04:00:00.000Z`,
      durationMs: 60_000,
      node: 'v20',
      machine: { cpus: 2, totalMemBytes: 1 },
      quick: true,
      profile: 'fixed',
      verdict: regressed ? 'fail' : 'pass',
      gates: [
        {
          name: 'sut/full-sync/1k/over-reference',
          kind: 'vs-reference',
          measures: `a full sync of 1k sessions over its reference ${HOSTILE_TOKEN}`,
          unit: 'x reference',
          value: gateValue,
          samples: 15,
          baseline: 1,
          ratio: gateValue,
          threshold: 1.5,
          ...(regressed ? { remeasured: { value: 3.2, samples: 15, ratio: 3.2 } } : {}),
          verdict: regressed ? 'regressed' : 'pass',
        },
        {
          name: 'sut/heap-per-session/10k',
          kind: 'count',
          measures: 'heap the router keeps per cached session',
          unit: 'bytes/session',
          value: regressed ? 260 : 250,
          samples: 3,
          stats: { samples: 3, mean: regressed ? 261 : 251, p50: regressed ? 260 : 250, p99: 264, rme: 1.2 },
          baseline: 250,
          ratio: regressed ? 1.04 : 1,
          threshold: 1.25,
          limit: 300,
          verdict: 'pass',
        },
      ],
      results: [fullSync1k(perSession)],
    };
    write(root, `bench/2026-11-${day}.json`, bench);
  }
  for (const [day, killed] of [
    ['20', 80],
    ['22', 90],
  ] as const) {
    const mutation: MutationReport = {
      kind: 'mutation-report',
      version: 1,
      startedAt: `2026-11-${day}T05:00:00.000Z`,
      durationMs: 600_000,
      node: 'v20',
      machine: { cpus: 2 },
      commit: 'abcdef0123456789',
      budget: { runs: 300, seed: 20250114 },
      concurrency: 1,
      mutate: ['src/session/**/*.ts'],
      incrementalFile: 'mutation/incremental/0123456789abcdef.json',
      score: killed,
      counts: {
        total: 100,
        killed,
        survived: 100 - killed - 1,
        timeout: 0,
        noCoverage: 1,
        compileErrors: 0,
        runtimeErrors: 0,
        ignored: 1,
        equivalent: 1,
      },
      files: [
        {
          file: 'src/session/SyncChunkGate.ts',
          total: 100,
          killed,
          survived: 99 - killed,
          timeout: 0,
          noCoverage: 1,
          score: killed,
        },
      ],
      survivors: [
        {
          id: '42',
          file: 'src/session/SyncChunkGate.ts',
          line: 7,
          column: 12,
          status: 'survived',
          mutator: 'StringLiteral',
          original: `'${HOSTILE_TOKEN}'`,
          replacement: '""',
        },
      ],
      scoreCountingEquivalent: Math.round((killed / 101) * 10_000) / 100,
      equivalents: [
        {
          id: '43',
          file: 'src/session/SyncChunkGate.ts',
          line: 9,
          column: 3,
          mutator: 'EqualityOperator',
          reason: `equivalent, ${HOSTILE_TOKEN}`,
        },
      ],
      htmlReport: 'index.html',
      strykerReport: 'mutation.json',
    };
    write(root, `mutation/2026-11-${day}T05-00-00Z/summary.json`, mutation);
  }
  write(root, 'soak/cut-short/report.json', '{"kind": "soak-report", "scen');
  write(root, 'soak/wrong-field/report.json', { ...soak({}), cycles: -1 });
  write(root, 'bench/unrelated.json', { hello: 'not a report of ours' });
}
