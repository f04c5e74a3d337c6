import { existsSync, readFileSync } from 'node:fs';
import { writeJsonAtomic } from '../src/reports/writeFileAtomic.js';

/** Gate name to its baseline value: ratios and counts, never absolute times. */
export type Baseline = Record<string, number>;

/**
 * A quick run measures fewer sizes, with fewer rounds, in a smaller heap; its ratios can
 * sit apart from a full run's, so each mode keeps a baseline of its own.
 */
export type BenchMode = 'full' | 'quick';

export const BASELINE_VERSION = 2;

/** Where and when a mode's baseline was taken: a ratio holds on the kind of machine that took it. */
export interface BaselineSource {
  /** `a developer machine`, or `CI runner <os>/<arch>`; `BENCH_MACHINE` overrides it. */
  readonly where: string;
  readonly at: string;
  readonly node: string;
  readonly cpus: number;
}

export interface BaselineFile {
  readonly version: typeof BASELINE_VERSION;
  readonly full?: Baseline;
  readonly quick?: Baseline;
  readonly taken?: { readonly full?: BaselineSource; readonly quick?: BaselineSource };
}

/** The kind of machine this process runs on, as a baseline records it. */
export function thisMachine(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BENCH_MACHINE) return env.BENCH_MACHINE;
  if (env.GITHUB_ACTIONS === 'true') return `CI runner ${env.RUNNER_OS ?? '?'}/${env.RUNNER_ARCH ?? '?'}`;
  return 'a developer machine';
}

/** Where a mode's baseline came from, in words for the report. */
export function describeSource(file: BaselineFile, mode: BenchMode): string {
  const source = file.taken?.[mode];
  if (source === undefined) return 'no record of where it was taken (a baseline from before sources were kept)';
  return `taken on ${source.where}, ${source.at}, Node ${source.node}, ${source.cpus} CPUs`;
}

export class BaselineError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}; rerun with --update-baseline to write a new one`);
    this.name = 'BaselineError';
  }
}

/** Both modes' baselines; none when there is no file yet. */
export function readBaselineFile(file: string): BaselineFile {
  if (!existsSync(file)) return { version: BASELINE_VERSION };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new BaselineError(file, 'not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new BaselineError(file, 'not an object');
  const { version, taken, ...modes } = json as Record<string, unknown>;
  if (version !== BASELINE_VERSION) {
    throw new BaselineError(
      file,
      `version ${JSON.stringify(version ?? null)}, expected ${BASELINE_VERSION} (older baselines hold absolute times, which cannot be compared)`,
    );
  }
  const baselines: {
    version: typeof BASELINE_VERSION;
    full?: Baseline;
    quick?: Baseline;
    taken?: BaselineFile['taken'];
  } = { version };
  if (taken !== undefined) {
    if (typeof taken !== 'object' || taken === null) throw new BaselineError(file, '"taken" is not an object');
    baselines.taken = taken as BaselineFile['taken'];
  }
  for (const [mode, figures] of Object.entries(modes)) {
    if (mode !== 'full' && mode !== 'quick') throw new BaselineError(file, `unknown mode "${mode}" (full or quick)`);
    if (typeof figures !== 'object' || figures === null) throw new BaselineError(file, `"${mode}" is not an object`);
    for (const [name, value] of Object.entries(figures)) {
      // A ratio against zero has no meaning; every gate is a positive ratio or count.
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new BaselineError(file, `figure ${mode}.${name} is not a positive number`);
      }
    }
    baselines[mode] = figures as Baseline;
  }
  return baselines;
}

/** Replaces one mode's baseline and its source, and keeps the other's, unless that one is unreadable or of an older version. */
export function writeBaseline(file: string, mode: BenchMode, figures: Baseline, source: BaselineSource): void {
  let current: BaselineFile = { version: BASELINE_VERSION };
  try {
    current = readBaselineFile(file);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
  }
  const taken = { ...current.taken, [mode]: source };
  writeJsonAtomic(file, { ...current, version: BASELINE_VERSION, [mode]: figures, taken });
}
