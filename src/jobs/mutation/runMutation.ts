import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError, JobFailedError, throwIfStopped } from '../../errors.js';
import { currentCommit } from '../../harness/index.js';
import { REPO_ROOT } from '../../repoRoot.js';
import { MUTATION_REPORT_KIND, type MutationReport } from '../../reports/MutationReport.js';
import { writeJsonAtomic } from '../../reports/writeFileAtomic.js';
import { incrementalKey, readTestSide } from './incrementalKey.js';
import { readStrykerReport } from './strykerReport.js';
import { summarizeMutants } from './summarizeMutants.js';

export interface MutationRequest {
  /** Runs per property in every test process (`NIGHTLY_RUNS`). */
  readonly runs: number;
  /** The properties' fast-check seed (`PROPERTY_SEED`). */
  readonly seed: number;
  /** Stryker's test processes. */
  readonly concurrency: number;
  /** Test every mutant again instead of reusing the incremental file's results. */
  readonly force: boolean;
  /**
   * An earlier run's incremental file to start from although the property code changed.
   * Stryker then tests again every survivor a new test covers and keeps the rest: right
   * when properties were only added, wrong when one was changed or weakened.
   */
  readonly reuse?: string;
  /** The run writes `<reportsRoot>/mutation/<stamp>/`. */
  readonly reportsRoot: string;
  readonly stamp: string;
}

/** The Stryker options a run sets on top of `stryker.config.mjs`. */
export interface StrykerRunOptions {
  readonly configFile: string;
  readonly concurrency: number;
  readonly incremental: true;
  readonly incrementalFile: string;
  readonly force: boolean;
  readonly htmlReporter: { readonly fileName: string };
  readonly jsonReporter: { readonly fileName: string };
}

/** Runs Stryker to its end; the tests pass one that writes a fixture report instead. */
export type RunStryker = (options: StrykerRunOptions, log: (line: string) => void) => Promise<void>;

export interface MutationContext {
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  readonly runStryker?: RunStryker;
  /** Where Stryker runs: its config, the files it mutates and its sandboxes are found from here. */
  readonly root?: string;
}

export interface MutationRun {
  readonly summary: MutationReport;
  readonly folder: string;
  readonly summaryFile: string;
}

/**
 * Cases per property in a mutation run. Each surviving mutant costs a pass of the whole
 * suite, so the run's time grows with this; a third of `npm test`'s budget keeps a run of
 * every mutant within the hour on one core.
 */
export const MUTATION_RUNS = 100;

export const STRYKER_CONFIG_FILE = 'stryker.config.mjs';
/** Stryker's `tempDirName`: the sandboxes, removed after every run. */
export const STRYKER_TEMP_DIR = '.stryker-tmp';
export const HTML_REPORT_FILE = 'index.html';
export const STRYKER_REPORT_FILE = 'mutation.json';
export const SUMMARY_FILE = 'summary.json';

/** Stryker's own default: every core on a small machine, one spare on a larger one. */
export function defaultConcurrency(cpus: number = availableParallelism()): number {
  return cpus > 4 ? cpus - 1 : cpus;
}

/** The folder of one run's reports. */
export function mutationRunFolder(reportsRoot: string, stamp: string): string {
  return join(reportsRoot, 'mutation', stamp);
}

const runStrykerInProcess: RunStryker = async (options, log) => {
  // Stryker removes its sandboxes after a run, even a failed one, but not after a kill.
  const tempDir = join(process.cwd(), STRYKER_TEMP_DIR);
  if (existsSync(tempDir)) {
    rmSync(tempDir, { recursive: true, force: true });
    log(`removed ${STRYKER_TEMP_DIR}/, left by an interrupted run`);
  }
  const { Stryker } = await import('@stryker-mutator/core');
  // Stryker's options are mutable objects; ours are read-only.
  await new Stryker({
    ...options,
    htmlReporter: { ...options.htmlReporter },
    jsonReporter: { ...options.jsonReporter },
  }).runMutationTest();
};

/** Sets environment variables for the length of `work`: Stryker's test processes inherit them. */
async function withEnvironment<T>(values: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Mutates `src/session` and runs the property suite against each mutant (StrykerJS,
 * `stryker.config.mjs`), then writes `summary.json` next to Stryker's HTML and JSON reports.
 */
export async function runMutation(request: MutationRequest, context: MutationContext = {}): Promise<MutationRun> {
  const root = context.root ?? REPO_ROOT;
  const log = context.log ?? (() => {});
  if (resolve(process.cwd()) !== resolve(root)) {
    throw new InputError(`run it from the repository root (${root}), not ${process.cwd()}: npm run mutate`);
  }
  throwIfStopped(context.signal);
  const runStryker = context.runStryker ?? runStrykerInProcess;
  const startedAt = new Date();
  const started = performance.now();
  // Read now: Stryker tests the files as they are when it copies them, whatever is committed meanwhile.
  const commit = currentCommit();
  const folder = mutationRunFolder(request.reportsRoot, request.stamp);
  const key = incrementalKey(readTestSide(root), request);
  const incrementalFile = join(request.reportsRoot, 'mutation', 'incremental', `${key}.json`);
  const jsonFile = join(folder, STRYKER_REPORT_FILE);
  if (request.reuse !== undefined && resolve(request.reuse) !== resolve(incrementalFile)) {
    if (!existsSync(request.reuse)) throw new InputError(`--reuse: no incremental file at ${request.reuse}`);
    mkdirSync(dirname(incrementalFile), { recursive: true });
    copyFileSync(request.reuse, incrementalFile);
    log(`starting from ${relative(root, request.reuse)}: only survivors that a new test covers are tested again`);
  }
  const reuse = existsSync(incrementalFile) && !request.force;
  log(
    `${request.runs} runs per property, seed ${request.seed}, ${request.concurrency} test process(es); ` +
      `${reuse ? 'reusing' : 'no'} earlier results (${relative(root, incrementalFile)})`,
  );
  // REPORTS_DIR empty: a killed mutant's counterexample goes to its sandbox, removed with it.
  const environment = { NIGHTLY_RUNS: String(request.runs), PROPERTY_SEED: String(request.seed), REPORTS_DIR: '' };
  try {
    await withEnvironment(environment, () =>
      runStryker(
        {
          configFile: STRYKER_CONFIG_FILE,
          concurrency: request.concurrency,
          incremental: true,
          incrementalFile,
          force: request.force,
          htmlReporter: { fileName: join(folder, HTML_REPORT_FILE) },
          jsonReporter: { fileName: jsonFile },
        },
        log,
      ),
    );
  } catch (error) {
    throwIfStopped(context.signal);
    throw new JobFailedError(
      `Stryker stopped before the end: ${error instanceof Error ? error.message : String(error)} (its log above says more)`,
      error,
    );
  }
  const report = readStrykerReport(jsonFile);
  const summary: MutationReport = {
    kind: MUTATION_REPORT_KIND,
    version: 1,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    node: process.version,
    machine: { cpus: availableParallelism() },
    commit,
    budget: { runs: request.runs, seed: request.seed },
    concurrency: request.concurrency,
    mutate: report.config?.mutate ?? [],
    incrementalFile: relative(request.reportsRoot, incrementalFile).replaceAll('\\', '/'),
    ...summarizeMutants(report),
    ...(report.performance
      ? {
          phases: {
            setupMs: Math.round(report.performance.setup),
            initialRunMs: Math.round(report.performance.initialRun),
            mutationMs: Math.round(report.performance.mutation),
          },
        }
      : {}),
    htmlReport: HTML_REPORT_FILE,
    strykerReport: STRYKER_REPORT_FILE,
  };
  const summaryFile = join(folder, SUMMARY_FILE);
  writeJsonAtomic(summaryFile, summary);
  return { summary, folder, summaryFile };
}
