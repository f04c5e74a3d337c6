import type { AnyModelSystem } from '../harness/index.js';
import { checkProperties } from './checkProperties.js';

export interface CatchRequest {
  readonly system: AnyModelSystem;
  /** Fault profile (or store) and the property it must break. */
  readonly catches: ReadonlyArray<readonly [target: string, property: string]>;
  readonly seeds: readonly number[];
  /** Most cases tried per seed before the fault counts as not caught. */
  readonly maxRuns: number;
}

export interface CatchRow {
  readonly target: string;
  readonly property: string;
  /** Cases each seed needed to break the property; undefined where it did not within `maxRuns`. */
  readonly runsToCatch: readonly (number | undefined)[];
  readonly median: number | undefined;
  readonly max: number | undefined;
  readonly missed: number;
}

/** For each expected catch, how many cases each seed needs to find it: the margin of a run budget. */
export async function catchDistribution(
  request: CatchRequest,
  context: { readonly signal?: AbortSignal; readonly log?: (line: string) => void } = {},
): Promise<CatchRow[]> {
  const rows: CatchRow[] = [];
  for (const [target, property] of request.catches) {
    const run = await checkProperties(
      request.seeds.map((seed) => ({
        system: request.system,
        property,
        target,
        seed,
        runs: request.maxRuns,
        expect: 'caught' as const,
      })),
      { ...(context.signal ? { signal: context.signal } : {}), ...(context.log ? { log: context.log } : {}) },
    );
    const runsToCatch = run.checked.map(({ result }) =>
      result.verdict === 'broken' ? (result.firstFailureAtRun ?? result.runsExecuted) : undefined,
    );
    const row = { target, property, ...spread(runsToCatch) };
    context.log?.(
      `${property} against ${target}: median ${row.median ?? '-'}, max ${row.max ?? '-'}, missed ${row.missed} of ${request.seeds.length}`,
    );
    rows.push(row);
  }
  return rows;
}

export interface TargetCatchRow {
  readonly target: string;
  readonly properties: readonly string[];
  /** Per seed: the fewest cases any of the target's properties needed, as a run of all of them would see it. */
  readonly runsToCatch: readonly (number | undefined)[];
  readonly median: number | undefined;
  readonly max: number | undefined;
  readonly missed: number;
}

/** Per target, the seed-by-seed minimum over its properties: when a run that checks every property first goes red. */
export function catchesPerTarget(rows: readonly CatchRow[]): TargetCatchRow[] {
  const targets = [...new Set(rows.map((row) => row.target))];
  return targets.map((target) => {
    const own = rows.filter((row) => row.target === target);
    const seeds = Math.max(...own.map((row) => row.runsToCatch.length));
    const runsToCatch = Array.from({ length: seeds }, (_, seed) => {
      const caught = own.map((row) => row.runsToCatch[seed]).filter((runs): runs is number => runs !== undefined);
      return caught.length === 0 ? undefined : Math.min(...caught);
    });
    return { target, properties: own.map((row) => row.property), ...spread(runsToCatch) };
  });
}

function spread(runsToCatch: readonly (number | undefined)[]) {
  const caught = runsToCatch.filter((runs): runs is number => runs !== undefined).sort((a, b) => a - b);
  return {
    runsToCatch,
    median: caught.length === 0 ? undefined : caught[Math.floor((caught.length - 1) / 2)],
    max: caught.at(-1),
    missed: runsToCatch.length - caught.length,
  };
}
