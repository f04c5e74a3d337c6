import { throwIfStopped } from '../errors.js';
import { checkProperty } from '../harness/engine/checkProperty.js';
import type { AnyModelSystem } from '../harness/engine/ModelSystem.js';

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
    const runsToCatch: (number | undefined)[] = [];
    for (const seed of request.seeds) {
      throwIfStopped(context.signal);
      const result = await checkProperty(request.system, {
        property,
        target,
        numRuns: request.maxRuns,
        seed,
        ...(context.signal ? { signal: context.signal } : {}),
      });
      runsToCatch.push(result.verdict === 'broken' ? (result.firstFailureAtRun ?? result.runsExecuted) : undefined);
    }
    const caught = runsToCatch.filter((runs): runs is number => runs !== undefined).sort((a, b) => a - b);
    const row = {
      target,
      property,
      runsToCatch,
      median: caught.length === 0 ? undefined : caught[Math.floor((caught.length - 1) / 2)],
      max: caught.at(-1),
      missed: runsToCatch.length - caught.length,
    };
    context.log?.(
      `${property} against ${target}: median ${row.median ?? '-'}, max ${row.max ?? '-'}, missed ${row.missed} of ${request.seeds.length}`,
    );
    rows.push(row);
  }
  return rows;
}
