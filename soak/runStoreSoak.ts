import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runInChild } from '../src/child/runInChild.js';
import { fileStamp } from '../src/reports/fileStamp.js';
import { SOAK_REPORT_KIND, type SoakReport } from '../src/reports/SoakReport.js';
import { writeFileAtomic, writeJsonAtomic } from '../src/reports/writeFileAtomic.js';
import {
  heapSlope,
  MIN_CYCLES_FOR_SLOPE,
  MIN_SAMPLES_FOR_SLOPE,
  SOAK_LIMITS,
  soakVerdict,
} from './analysis/thresholds.js';
import { soakReportMarkdown } from './report/soakReportMarkdown.js';
import { SoakProgress } from './SoakProgress.js';
import { type StoreSoakRequest, storeSoakJob } from './stores/storeSoakWorkload.js';
import type { HeapSample } from './worker/WorkerMessages.js';

type Check = SoakReport['checks'][number];

/** What the store soak's report calls the data of a session that expired and was never read again. */
export const DEAD_SESSION_DATA = "expired session (the store's copy of its data)";

const DEAD_SESSIONS_JUSTIFICATION =
  "A session that expired and was never read again must be gone once the store's own promise has passed (its prune period; a day for a store that promises nothing): anything kept then is kept for good.";

/**
 * Soaks one express-session store in a child process: a steady stream of logins, reads and
 * expiries on a fake clock; then the store's promise passes and what it still holds is counted.
 */
export async function runStoreSoak(
  request: StoreSoakRequest,
  context: { readonly reportsRoot: string; readonly signal?: AbortSignal; readonly log?: (line: string) => void },
): Promise<{ report: SoakReport; dir: string }> {
  const name = request.store.replace(/[^\w.-]+/g, '_');
  const dir = join(context.reportsRoot, 'soak', `${fileStamp()}-logins-store-${name}`);
  const progress = new SoakProgress(`soak store ${request.store}`, context.log);
  const startedAt = new Date().toISOString();
  const heapTrend: HeapSample[] = [];
  const outcome = await runInChild(storeSoakJob, request, {
    timeoutMs: Math.max(120_000, (request.durationMs ?? 0) * 6 + (request.cycles ?? 0) * 200),
    ...(context.signal ? { signal: context.signal } : {}),
    onProgress: (event) => {
      if (event.type === 'heap-sample') heapTrend.push(event.sample);
      else progress.update(request.cycles ? event.cycle / request.cycles : 0, `cycle ${event.cycle}`);
    },
  });
  const { result, probe } = outcome;
  const slope = heapSlope(heapTrend);
  const unjudgedSlope =
    result.cycles < MIN_CYCLES_FOR_SLOPE
      ? `${result.cycles} cycles; the slope is judged from ${MIN_CYCLES_FOR_SLOPE} on`
      : heapTrend.length < MIN_SAMPLES_FOR_SLOPE
        ? `${heapTrend.length} heap samples; the slope needs ${MIN_SAMPLES_FOR_SLOPE}`
        : undefined;
  const checks: Check[] = [
    {
      name: 'deadSessionsRetained',
      measured: result.deadRetained.length,
      limit: 0,
      unit: 'sessions',
      passed: result.deadRetained.length === 0,
      justification: DEAD_SESSIONS_JUSTIFICATION,
    },
    {
      name: 'heapSlopePerCycle',
      measured: Math.round(slope),
      limit: SOAK_LIMITS.heapSlopePerCycle.limit,
      unit: 'bytes/cycle',
      passed: unjudgedSlope !== undefined || slope <= SOAK_LIMITS.heapSlopePerCycle.limit,
      justification: `heapUsed after gc without compiled code, Theil-Sen slope: a cycle logs in 20 sessions of a few hundred bytes each, so keeping them costs several KiB a cycle.`,
      ...(unjudgedSlope !== undefined ? { notJudged: unjudgedSlope } : {}),
    },
  ];
  const failures = checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.measured} ${c.unit} (limit ${c.limit})`);
  const unjudged = checks.filter((c) => c.notJudged !== undefined).map((c) => `${c.name} not judged: ${c.notJudged}`);
  const retainedBytes = (probe.trace?.bytes ?? 0) * result.deadRetained.length;
  const report: SoakReport = {
    kind: SOAK_REPORT_KIND,
    version: 2,
    system: 'store',
    scenario: 'logins',
    target: request.store,
    targetVersion: `${result.packageName}@${result.version}`,
    expect: outcome.documentedLeak !== undefined ? 'leak' : 'clean',
    startedAt,
    durationMs: outcome.durationMs,
    cycles: result.cycles,
    verdict: soakVerdict(failures, unjudged),
    reasons: [...failures, ...unjudged],
    checks,
    heapTrend,
    heapSlopeBytesPerCycle: slope,
    snapshots: [],
    classGrowth: [],
    retained:
      result.deadRetained.length > 0
        ? [{ className: DEAD_SESSION_DATA, count: result.deadRetained.length, selfBytes: retainedBytes, retainedBytes }]
        : [],
    traces: probe.trace
      ? [
          {
            className: DEAD_SESSION_DATA,
            count: result.deadRetained.length,
            retainedBytes,
            lines: [...probe.trace.path],
          },
        ]
      : [],
    lifecycle: [
      {
        kind: 'session',
        ended: result.expired,
        retained: result.deadRetained.length,
        ...(result.deadRetained[0] ? { example: result.deadRetained[0] } : {}),
      },
    ],
    finalStats: {
      sessionsStored: result.sessionsStored,
      reads: result.reads,
      expired: result.expired,
      deadRetained: result.deadRetained.length,
      waitedMs: result.waitedMs,
    },
    analysisMs: 0,
  };
  mkdirSync(dir, { recursive: true });
  writeJsonAtomic(join(dir, 'report.json'), report);
  writeFileAtomic(join(dir, 'report.md'), soakReportMarkdown(report));
  return { report, dir };
}
