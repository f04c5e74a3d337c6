import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { type ChildJobContext, childJob } from '../src/child/ChildJob.js';
import { describeFailure, HarnessError, InterruptedError } from '../src/errors.js';
import type { FaultProfileName } from '../src/faults.js';
import { REPO_ROOT } from '../src/repoRoot.js';
import { BENCH_REPORT_KIND, type BenchReport, type BenchResult, type GateOutcome } from '../src/reports/BenchReport.js';
import { fileStamp } from '../src/reports/fileStamp.js';
import { reportsDir } from '../src/reports/paths.js';
import { writeJsonAtomic } from '../src/reports/writeFileAtomic.js';
import { type BenchMode, describeSource, readBaselineFile, thisMachine, writeBaseline } from './baseline.js';
import { evaluateGroup } from './gates/evaluateGroup.js';
import { median } from './gates/figures.js';
import type { MeasurementGroup } from './gates/Gate.js';
import { createGroup, groupsOf } from './groups.js';
import { measureInChild } from './timing/measureInChild.js';

export const DEFAULT_BASELINE_FILE = join(REPO_ROOT, 'bench', 'baseline.json');

export interface BenchRequest {
  /** 1k and 10k only, fewer rounds, no soak analysis and no 1M sync: under a minute. */
  readonly quick: boolean;
  /** The system under test's fault profile; anything but fixed is a self-test that must fail. */
  readonly profile: FaultProfileName;
  /** Write this run's gates as its mode's baseline instead of judging them. */
  readonly updateBaseline: boolean;
}

export interface BenchContext {
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Default: `REPORTS_DIR` or `reports/`. */
  readonly reportsRoot?: string;
  /** Default: `bench/baseline.json`. */
  readonly baselineFile?: string;
}

export class BaselineProfileError extends Error {
  constructor(profile: string) {
    super(`a baseline is the fixed router's; --update-baseline cannot take one from profile ${profile}`);
    this.name = 'BaselineProfileError';
  }
}

/** Where a report is written: under `<reports>/bench/`, named by its start, mode and profile. */
export function benchReportFile(report: BenchReport, reportsRoot: string = reportsDir()): string {
  const mode = report.quick ? '-quick' : '';
  const profile = report.profile === 'fixed' ? '' : `-${report.profile}`;
  return join(reportsRoot, 'bench', `${fileStamp(new Date(report.startedAt))}${mode}${profile}.json`);
}

/** A group whose measurement could not finish: a child out of memory, a work that threw. Exit 2, never a pass. */
export class BenchGroupFailedError extends HarnessError {
  constructor(group: MeasurementGroup, cause: unknown) {
    const figures = group.gates.map((gate) => gate.name).join(', ');
    super(
      'job-failed',
      `benchmark group ${group.name} failed to run, so its figures (${figures}) have no value: ${describeFailure(cause).text.split('\n').slice(0, 6).join(' | ')}`,
      { cause },
    );
    this.name = 'BenchGroupFailedError';
  }
}

export async function figuresOrFailure<T>(group: MeasurementGroup, measure: () => Promise<T>): Promise<T> {
  try {
    return await measure();
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    throw new BenchGroupFailedError(group, error);
  }
}

export function benchVerdict(gates: readonly GateOutcome[]): BenchReport['verdict'] {
  if (gates.some((gate) => gate.verdict === 'regressed')) return 'fail';
  return gates.every((gate) => gate.verdict === 'no-baseline') ? 'inconclusive' : 'pass';
}

/**
 * Measures the router, the harness and the soak analysis, judges every gate against the
 * mode's baseline (re-measuring any past its threshold), writes the report, and the
 * baseline when asked. Absolute times are in the report for trends; they decide nothing.
 */
export async function runBenchmarks(request: BenchRequest, context: BenchContext): Promise<BenchReport> {
  if (request.updateBaseline && request.profile !== 'fixed') throw new BaselineProfileError(request.profile);
  const startedAt = new Date();
  // Wall time of the whole run, for the report's duration: no figure, so not tinybench's.
  const started = performance.now();
  const mode: BenchMode = request.quick ? 'quick' : 'full';
  const baselineFile = context.baselineFile ?? (process.env.BENCH_BASELINE || DEFAULT_BASELINE_FILE);
  const baselines = readBaselineFile(baselineFile);
  const baseline = request.updateBaseline ? undefined : baselines[mode];
  const baselineSource = baseline ? describeSource(baselines, mode) : undefined;
  const { log, signal } = context;
  log(
    `${mode} run, profile ${request.profile}${baseline ? `, baseline ${baselineSource}` : ', no baseline to judge against'}`,
  );

  const gates: GateOutcome[] = [];
  const results: BenchResult[] = [];
  const baselineFigures = new Map<string, number>();
  for (const name of groupsOf(request)) {
    const group = createGroup(name, request);
    // Wall time of a group, for the log only.
    const groupStarted = performance.now();
    const inChild = group.ownProcess
      ? group
      : { ...group, measure: (rounds: number) => measureInChild(name, request, rounds, signal) };
    const outcome = await figuresOrFailure(group, () => evaluateGroup(inChild, baseline, log, signal));
    gates.push(...outcome.gates);
    results.push(...outcome.results);
    if (request.updateBaseline) {
      const figures = await baselineOf(inChild, outcome.gates, log);
      for (const [gate, value] of figures) baselineFigures.set(gate, value);
    }
    log(`${group.name}: done in ${((performance.now() - groupStarted) / 1_000).toFixed(1)} s`);
  }

  const report: BenchReport = {
    kind: BENCH_REPORT_KIND,
    version: 2,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    node: process.version,
    machine: { cpus: cpus().length, totalMemBytes: totalmem() },
    quick: request.quick,
    profile: request.profile,
    verdict: benchVerdict(gates),
    ...(baseline && baselineSource
      ? { baseline: { file: relative(REPO_ROOT, baselineFile).replaceAll('\\', '/'), source: baselineSource } }
      : {}),
    gates,
    results,
  };
  writeJsonAtomic(benchReportFile(report, context.reportsRoot), report);
  if (request.updateBaseline) {
    // Four digits: more would be noise, and a baseline is read in diffs.
    writeBaseline(
      baselineFile,
      mode,
      Object.fromEntries([...baselineFigures].map(([gate, value]) => [gate, Number(value.toPrecision(4))])),
      { where: thisMachine(), at: startedAt.toISOString(), node: process.version, cpus: cpus().length },
    );
    log(`${mode} baseline written: ${baselineFile}`);
  }
  return report;
}

/**
 * Processes whose figures make a baseline. One process's ratio can sit 30% from the next
 * one's (where the compiler and the collector happened to land): a baseline taken from
 * one outlier would hide a real regression or keep flagging the code it was taken from.
 */
export const BASELINE_PROCESSES = 3;

/** Each gate's median over `BASELINE_PROCESSES` processes: the first measurement and more of its own. */
export async function baselineOf(
  group: MeasurementGroup,
  first: readonly GateOutcome[],
  log: (line: string) => void,
): Promise<Map<string, number>> {
  const figures = new Map<string, number[]>(first.map((gate) => [gate.name, [gate.value]]));
  for (let measured = 1; measured < BASELINE_PROCESSES; measured++) {
    const samples = await group.measure(group.rounds);
    for (const gate of group.gates) figures.get(gate.name)?.push(gate.figure(samples).value);
  }
  const baseline = new Map<string, number>();
  for (const [gate, values] of figures) {
    baseline.set(gate, median(values));
    log(`baseline ${gate}: median of ${values.map((value) => value.toPrecision(4)).join(', ')}`);
  }
  return baseline;
}

/** The benchmarks as a job of the nightly, in a child process of its own (a clean heap for the counts). */
export const benchJob = childJob<BenchRequest & { readonly reportsRoot: string }, BenchReport, string>(
  new URL(import.meta.url).href,
  'runBenchmarksJob',
);

export function runBenchmarksJob(
  request: BenchRequest & { readonly reportsRoot: string },
  context: ChildJobContext<string>,
): Promise<BenchReport> {
  return runBenchmarks(request, { log: context.progress, signal: context.signal, reportsRoot: request.reportsRoot });
}
