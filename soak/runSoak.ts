import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultProfileName } from '../src/faults.js';
import { fileStamp } from '../src/harness/reports/fileStamp.js';
import { SOAK_REPORT_KIND, type SoakReport } from '../src/harness/reports/SoakReport.js';
import { writeFileAtomic, writeJsonAtomic } from '../src/harness/reports/writeFileAtomic.js';
import { analyzeSnapshots } from './analysis/analyzeSnapshots.js';
import { failureReasons, heapSlope, soakChecks } from './analysis/thresholds.js';
import { keepSnapshots } from './report/keepSnapshots.js';
import { soakReportMarkdown } from './report/soakReportMarkdown.js';
import { SoakProgress } from './SoakProgress.js';
import type { WorkerJob, WorkerMessage } from './worker/WorkerMessages.js';

const WORKER = fileURLToPath(new URL('./worker/soakWorker.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const LEAK_FILTER = 'soak/analysis/leakFilter.cjs';
const INTERMEDIATE_SNAPSHOTS = 3;

/** The soak itself could not run: exit 2, with what the worker said. */
export class SoakFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoakFailedError';
  }
}

export type SoakRequest =
  | {
      readonly kind: 'scenario';
      readonly scenario: string;
      readonly profile: FaultProfileName;
      readonly durationMs?: number;
      readonly cycles?: number;
    }
  | {
      readonly kind: 'counterexample';
      readonly file: string;
      readonly profile: FaultProfileName;
      readonly repeat: number;
    };

export interface SoakOutcome {
  readonly report: SoakReport;
  readonly dir: string;
}

type WorkerResult = Extract<WorkerMessage, { type: 'result' }>;

function runWorker(job: WorkerJob, progress: SoakProgress, expectedMs: number | undefined, total: number | undefined) {
  return new Promise<WorkerResult>((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(job)], {
      cwd: REPO_ROOT,
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let result: WorkerResult | undefined;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000);
    });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'result') result = message;
      else {
        const fraction = total !== undefined ? message.cycle / total : expectedMs ? message.elapsedMs / expectedMs : 0;
        progress.update(
          fraction,
          `${message.phase}, cycle ${message.cycle}, ${(message.elapsedMs / 1000).toFixed(0)} s`,
        );
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result && code === 0) resolve(result);
      else {
        const tail = stderr.trim().split('\n').slice(-8).join('\n');
        reject(
          new SoakFailedError(
            `the soak worker ${signal ? `was killed (${signal})` : `exited with ${code}`}${tail ? `:\n${tail}` : ''}`,
          ),
        );
      }
    });
  });
}

/** Runs one soak in a worker, analyses its snapshots with memlab and writes the report folder. */
export async function runSoak(request: SoakRequest, reportsRoot: string): Promise<SoakOutcome> {
  const name = request.kind === 'scenario' ? request.scenario : 'counterexample';
  const dir = join(reportsRoot, 'soak', `${fileStamp()}-${name}-${request.profile}`);
  const snapshotDir = join(dir, 'snapshots');
  mkdirSync(snapshotDir, { recursive: true });
  const progress = new SoakProgress(`soak ${name} ${request.profile}`);
  const startedAt = new Date().toISOString();
  const job: WorkerJob =
    request.kind === 'scenario'
      ? {
          mode: 'scenario',
          scenario: request.scenario,
          profile: request.profile,
          snapshotDir,
          intermediateSnapshots: INTERMEDIATE_SNAPSHOTS,
          ...(request.durationMs !== undefined ? { durationMs: request.durationMs } : {}),
          ...(request.cycles !== undefined ? { cycles: request.cycles } : {}),
        }
      : { mode: 'counterexample', file: request.file, profile: request.profile, repeat: request.repeat, snapshotDir };
  const total = request.kind === 'scenario' ? request.cycles : request.repeat;
  const expectedMs = request.kind === 'scenario' ? request.durationMs : undefined;
  const result = await runWorker(job, progress, expectedMs, total);
  progress.line(
    `workload done: ${result.cycles} cycles in ${(result.durationMs / 1000).toFixed(1)} s; analysing ${result.snapshots.length} snapshots with memlab`,
  );

  const analysis = await analyzeSnapshots(result.snapshots.map((s) => s.file));
  // Replays keep every repetition's router alive on purpose; only what a router should
  // have let go of counts there: its trackers and its post-sync buffer.
  const checks = soakChecks(result, analysis).filter(
    (check) => request.kind === 'scenario' || ['retainedTrackers', 'postSyncBufferedAtEnd'].includes(check.name),
  );
  const reasons = failureReasons(checks);
  if (!result.quiescent) reasons.push('the router did not reach quiescence within 10 s after the workload');
  const verdict = reasons.length > 0 ? 'leak' : 'clean';
  const kept = keepSnapshots(result.snapshots, verdict === 'leak');
  const rel = (file: string) => relative(REPO_ROOT, file).replaceAll('\\', '/');
  const keptOf = (label: string) => result.snapshots.find((s) => s.label === label && kept.has(s.file));
  const baseline = keptOf('baseline');
  const final = keptOf('final');
  // The final snapshot is memlab's target too: "allocated after the baseline and alive at
  // the end", what this analysis reports (a tracker older than the baseline excepted).
  const memlabCommand =
    baseline && final
      ? `npx memlab find-leaks --baseline ${rel(baseline.file)} --target ${rel(final.file)} --final ${rel(final.file)} --leak-filter ${LEAK_FILTER}`
      : undefined;
  const trackers = analysis.retained.find((row) => row.className === 'SyncTracker');
  const report: SoakReport = {
    kind: SOAK_REPORT_KIND,
    version: 1,
    scenario: name,
    profile: request.profile,
    startedAt,
    durationMs: result.durationMs,
    cycles: result.cycles,
    verdict,
    reasons,
    checks,
    heapTrend: [...result.heapTrend],
    heapSlopeBytesPerCycle: heapSlope(result.heapTrend),
    snapshots: result.snapshots.map((s) => ({
      label: s.label,
      cycle: s.cycle,
      bytes: s.bytes,
      ...(kept.has(s.file) ? { file: relative(dir, s.file).replaceAll('\\', '/') } : {}),
    })),
    classGrowth: analysis.classGrowth,
    retained: analysis.retained,
    traces: analysis.traces,
    finalStats: { ...result.finalStats },
    analysisMs: analysis.analysisMs,
    ...(memlabCommand ? { memlabCommand } : {}),
    ...(request.kind === 'counterexample'
      ? {
          from: {
            counterexample: rel(request.file),
            repeat: request.repeat,
            bytesPerRepetition: (trackers?.retainedBytes ?? 0) / request.repeat,
            objectsPerRepetition: (trackers?.count ?? 0) / request.repeat,
          },
        }
      : {}),
  };
  writeJsonAtomic(join(dir, 'report.json'), report);
  writeFileAtomic(join(dir, 'report.md'), soakReportMarkdown(report));
  return { report, dir };
}
