import { mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runInChild } from '../src/child/runInChild.js';
import { InterruptedError, JobFailedError } from '../src/errors.js';
import type { FaultProfileName } from '../src/faults.js';
import { REPO_ROOT } from '../src/repoRoot.js';
import { fileStamp } from '../src/reports/fileStamp.js';
import { SOAK_REPORT_KIND, type SoakReport } from '../src/reports/SoakReport.js';
import { writeFileAtomic, writeJsonAtomic } from '../src/reports/writeFileAtomic.js';
import { analyzeSnapshots, type HeapAnalysis } from './analysis/analyzeSnapshots.js';
import { routerFootprint } from './analysis/footprintSeries.js';
import { failureReasons, heapSlope, soakChecks, soakVerdict, unjudgedReasons } from './analysis/thresholds.js';
import { traceQueuedPostSync } from './analysis/traceQueuedPostSync.js';
import { keepSnapshots } from './report/keepSnapshots.js';
import { soakReportMarkdown } from './report/soakReportMarkdown.js';
import { runStoreSoak } from './runStoreSoak.js';
import { SoakProgress } from './SoakProgress.js';
import type { StoreSoakRequest } from './stores/storeSoakWorkload.js';
import type { PlantedLeak } from './worker/plantedLeak.js';
import { soakWorkloadJob } from './worker/soakWorkload.js';
import type { HeapSample, SnapshotTaken, WorkerJob, WorkerResult } from './worker/WorkerMessages.js';

/** A package resource: found from the package's folder, wherever it is installed. */
const LEAK_FILTER = 'soak/analysis/leakFilter.cjs';
const INTERMEDIATE_SNAPSHOTS = 3;

export type SoakRequest =
  | {
      readonly kind: 'scenario';
      readonly scenario: string;
      readonly profile: FaultProfileName;
      /** Run at least this long and at least this many cycles; at least one is given. */
      readonly durationMs?: number;
      readonly cycles?: number;
      /** A leak planted on purpose, to measure the smallest one the scenario sees. */
      readonly plantedLeak?: PlantedLeak;
    }
  | {
      readonly kind: 'counterexample';
      readonly file: string;
      readonly profile: FaultProfileName;
      readonly repeat: number;
    }
  /** An express-session store under a steady stream of logins, reads and expiries. */
  | ({ readonly kind: 'store' } & StoreSoakRequest);

export interface SoakOutcome {
  readonly report: SoakReport;
  readonly dir: string;
}

export interface SoakContext {
  readonly reportsRoot: string;
  /** A stop removes the run's folder, snapshots and all: nothing half-written is left. */
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

/**
 * A workload that runs far past what was asked is stuck: it is killed and the soak fails
 * (exit 2). Generous, since a loaded machine runs the cycles slower: the nightly's 180
 * cycles of reconnect, with its warm-up, five snapshots and a wait for quiescence before
 * each, took 150 s on two cores shared with five other test runs.
 */
function workloadTimeoutMs(request: RouterSoakRequest): number {
  const asked =
    request.kind === 'scenario' ? (request.durationMs ?? 0) + (request.cycles ?? 0) * 250 : request.repeat * 200;
  return Math.max(300_000, asked * 6);
}

/** Runs one soak in a child process, analyses its snapshots with memlab and writes the report folder. */
export async function runSoak(request: SoakRequest, context: SoakContext): Promise<SoakOutcome> {
  if (request.kind === 'store') return runStoreSoak(request, context);
  const name = request.kind === 'scenario' ? request.scenario : 'counterexample';
  const dir = join(context.reportsRoot, 'soak', `${fileStamp()}-${name}-${request.profile}`);
  try {
    return await soakInto(dir, request, context);
  } catch (error) {
    // Stopped or failed: a folder without a report, and its snapshots, would mislead.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

type RouterSoakRequest = Exclude<SoakRequest, { kind: 'store' }>;

async function soakInto(dir: string, request: RouterSoakRequest, context: SoakContext): Promise<SoakOutcome> {
  const snapshotDir = join(dir, 'snapshots');
  mkdirSync(snapshotDir, { recursive: true });
  const name = request.kind === 'scenario' ? request.scenario : 'counterexample';
  const progress = new SoakProgress(`soak ${name} ${request.profile}`, context.log);
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
          ...(request.plantedLeak ? { plantedLeak: request.plantedLeak } : {}),
        }
      : { mode: 'counterexample', file: request.file, profile: request.profile, repeat: request.repeat, snapshotDir };
  const result = await runWorkload(job, workloadTimeoutMs(request), progress, context.signal);
  progress.line(
    `workload done: ${result.cycles} cycles in ${(result.durationMs / 1000).toFixed(1)} s; analysing ${result.snapshots.length} snapshots with memlab`,
  );

  const analysis = await analyzeSnapshots(
    result.snapshots.map((s) => s.file),
    request.kind === 'counterexample' ? REPETITION_OWNER : { footprint: true },
  );
  // A replay keeps a router per repetition alive: no one router's footprint to follow.
  const footprint = analysis.footprint
    ? routerFootprint(
        result.snapshots.map((s, i) => ({
          label: s.label,
          cycle: s.cycle,
          reading: analysis.footprint?.readings[i] ?? { ok: false, routers: 0 },
        })),
        analysis.footprint.unbound,
      )
    : undefined;
  const postSyncStarted = performance.now();
  const postSyncTrace = result.postSyncSnapshot ? await traceQueuedPostSync(result.postSyncSnapshot.file) : undefined;
  const analysisMs = analysis.analysisMs + Math.round(performance.now() - postSyncStarted);
  // Replays keep every repetition's router alive on purpose; only what a router should
  // have let go of counts there: its trackers and its post-sync buffer.
  const checks = soakChecks(result, analysis, footprint).filter(
    (check) =>
      request.kind === 'scenario' ||
      ['retainedTrackers', 'endedObjectsReachable', 'postSyncBufferedAtEnd'].includes(check.name),
  );
  const failures = failureReasons(checks);
  if (!result.quiescent) failures.push('the router did not reach quiescence within 10 s after the workload');
  const unjudged = unjudgedReasons(checks);
  const verdict = soakVerdict(failures, unjudged);
  const extraSnapshots = [result.startSnapshot, result.postSyncSnapshot].filter((s) => s !== undefined);
  const allSnapshots = [...extraSnapshots, ...result.snapshots];
  const kept = keepSnapshots(allSnapshots, verdict === 'leak');
  if (kept.size === 0) removeIfEmpty(snapshotDir);
  // Paths as the user's shell sees them: the printed command runs from the working folder.
  const rel = (file: string) => relative(process.cwd(), file).replaceAll('\\', '/');
  const keptOf = (label: string) => allSnapshots.find((s) => s.label === label && kept.has(s.file));
  const baseline = keptOf('start') ?? keptOf('baseline');
  const final = keptOf('final');
  // memlab's baseline is the snapshot from before the router connected, and its target the
  // final one: "allocated since the router started and alive at the end".
  const memlabCommand =
    baseline && final
      ? `npx memlab find-leaks --baseline ${rel(baseline.file)} --target ${rel(final.file)} --final ${rel(final.file)} --leak-filter ${rel(join(REPO_ROOT, LEAK_FILTER))}`
      : undefined;
  // A failed comparison must not cost the replay's own figures: it is reported, not thrown.
  const comparison =
    request.kind === 'counterexample' && request.profile !== 'fixed'
      ? await counterexampleCostUnderFixed(request, join(dir, 'snapshots-fixed'), progress, context.signal).then(
          (underFixed) => ({ underFixed }),
          (error: unknown) => {
            if (error instanceof InterruptedError) throw error;
            return { comparisonError: error instanceof Error ? error.message : String(error) };
          },
        )
      : {};
  const describe = (s: SnapshotTaken) => ({
    label: s.label,
    cycle: s.cycle,
    bytes: s.bytes,
    ...(kept.has(s.file) ? { file: relative(dir, s.file).replaceAll('\\', '/') } : {}),
  });
  const report: SoakReport = {
    kind: SOAK_REPORT_KIND,
    version: 2,
    system: 'router',
    scenario: name,
    target: request.profile,
    // A leak planted on purpose is expected, under fixed too.
    expect: request.profile === 'fixed' && !(request.kind === 'scenario' && request.plantedLeak) ? 'clean' : 'leak',
    startedAt,
    durationMs: result.durationMs,
    cycles: result.cycles,
    verdict,
    reasons: [...failures, ...unjudged],
    checks,
    heapTrend: [...result.heapTrend],
    heapSlopeBytesPerCycle: heapSlope(result.heapTrend),
    snapshots: result.snapshots.map(describe),
    extraSnapshots: extraSnapshots.map(describe),
    classGrowth: analysis.classGrowth,
    retained: analysis.retained,
    // Largest retention first, as the page's "held by" shows the first; the queued request is small.
    traces: postSyncTrace ? [...analysis.traces, postSyncTrace] : analysis.traces,
    lifecycle: result.lifecycle.map((count) => ({
      kind: count.kind,
      ended: count.ended,
      retained: count.retained,
      ...(count.example !== undefined ? { example: count.example } : {}),
    })),
    finalStats: { ...result.finalStats },
    analysisMs,
    ...(footprint ? { footprint } : {}),
    ...(request.kind === 'scenario' && request.plantedLeak ? { plantedLeak: request.plantedLeak } : {}),
    ...(memlabCommand ? { memlabCommand } : {}),
    ...(request.kind === 'counterexample'
      ? {
          from: {
            counterexample: rel(request.file),
            repeat: request.repeat,
            ...perRepetition(analysis.heldByOwners, request.repeat),
            ...comparison,
          },
        }
      : {}),
  };
  writeJsonAtomic(join(dir, 'report.json'), report);
  writeFileAtomic(join(dir, 'report.md'), soakReportMarkdown(report));
  return { report, dir };
}

/** Runs the workload in its own process and gathers the heap samples it sends on the way. */
async function runWorkload(
  job: WorkerJob,
  timeoutMs: number,
  progress: SoakProgress,
  signal: AbortSignal | undefined,
): Promise<WorkerResult> {
  const heapTrend: HeapSample[] = [];
  const total = job.mode === 'scenario' ? job.cycles : job.repeat;
  const expectedMs = job.mode === 'scenario' ? job.durationMs : undefined;
  const outcome = await runInChild(soakWorkloadJob, job, {
    timeoutMs,
    ...(signal ? { signal } : {}),
    onProgress: (event) => {
      if (event.type === 'heap-sample') {
        heapTrend.push(event.sample);
        return;
      }
      const fraction = Math.min(
        total !== undefined ? event.cycle / total : 1,
        expectedMs ? event.elapsedMs / expectedMs : 1,
      );
      progress.update(fraction, `${event.phase}, cycle ${event.cycle}, ${(event.elapsedMs / 1000).toFixed(0)} s`);
    },
  });
  return { ...outcome, heapTrend };
}

function removeIfEmpty(directory: string): void {
  try {
    if (readdirSync(directory).length === 0) rmdirSync(directory);
  } catch {
    // Already gone.
  }
}

/** Each repetition of a replay is one RouterScenario, kept alive: what it alone holds is that repetition's cost. */
const REPETITION_OWNER = { owners: 'RouterScenario' } as const;

function perRepetition(held: HeapAnalysis['heldByOwners'], repeat: number) {
  // Every repetition is kept on purpose; finding another count means the figures divide the wrong thing.
  if (held?.owners !== repeat) {
    throw new JobFailedError(`expected ${repeat} repetitions alive in the final snapshot, found ${held?.owners ?? 0}`);
  }
  return { bytesPerRepetition: held.bytes / repeat, objectsPerRepetition: held.objects / repeat };
}

/**
 * The same replay under `fixed`: what a correct router keeps for the same steps, so the
 * difference is what the fault costs. Its snapshots are deleted once read.
 */
async function counterexampleCostUnderFixed(
  request: Extract<SoakRequest, { kind: 'counterexample' }>,
  snapshotDir: string,
  progress: SoakProgress,
  signal: AbortSignal | undefined,
): Promise<{ bytesPerRepetition: number; objectsPerRepetition: number }> {
  mkdirSync(snapshotDir, { recursive: true });
  try {
    progress.line('the same replay under fixed, for comparison');
    const job: WorkerJob = {
      mode: 'counterexample',
      file: request.file,
      profile: 'fixed',
      repeat: request.repeat,
      snapshotDir,
    };
    const result = await runWorkload(job, workloadTimeoutMs(request), progress, signal);
    const baseline = result.snapshots[0];
    const final = result.snapshots.at(-1);
    if (!baseline || !final) throw new JobFailedError('the replay under fixed wrote no snapshots');
    const analysis = await analyzeSnapshots([baseline.file, final.file], REPETITION_OWNER);
    return perRepetition(analysis.heldByOwners, request.repeat);
  } finally {
    rmSync(snapshotDir, { recursive: true, force: true });
  }
}
