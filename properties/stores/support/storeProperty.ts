import { runsFromEnvironment, seedFromEnvironment } from '../../../src/harness/model/budget.js';
import {
  checkStoreInvariant,
  type StoreCheckOptions,
  type StoreCheckResult,
} from '../../../src/harness/store/checkStoreInvariant.js';
import type { StoreOp, StoreStep } from '../../../src/harness/store/StoreStep.js';

/** Runs per store property in `npm test`: a store case costs more than a router case (real I/O for Redis). */
export const STORE_CI_RUNS = 100;

/** The budget from the environment (`NIGHTLY_RUNS`, `PROPERTY_SEED`), scaled down to the store CI runs. */
export function storeBudget(): { numRuns: number; seed: number } {
  const raw = process.env.NIGHTLY_RUNS;
  return {
    numRuns: raw === undefined || raw === '' ? STORE_CI_RUNS : runsFromEnvironment(),
    seed: seedFromEnvironment(),
  };
}

/** Checks that the invariant holds; on failure throws with the store, the shrunk steps and the failure. */
export async function assertStoreInvariantHolds(
  options: Omit<StoreCheckOptions, 'numRuns' | 'seed'>,
  /** Fewer runs than the budget, for properties that collect garbage every case. */
  maxRuns?: number,
): Promise<StoreCheckResult> {
  const budget = storeBudget();
  const numRuns = maxRuns === undefined ? budget.numRuns : Math.min(maxRuns, budget.numRuns);
  const result = await checkStoreInvariant({ ...options, seed: budget.seed, numRuns });
  const c = result.counterexample;
  if (result.passed || c === undefined) return result;
  throw new Error(
    [
      `invariant "${c.invariant}" broken by ${c.store} (${c.packageName} ${c.packageVersion}), seed ${c.seed}, path ${c.path}:`,
      `  ${c.failure.message}`,
      `shrunk steps (${c.steps.length}):`,
      ...c.readableSteps.map((s, i) => `  ${i}. ${s}`),
    ].join('\n'),
  );
}

/**
 * Indexes of the ops that run exactly when a session stored earlier expires (by its last
 * `set`), on the naive timeline of the steps: where a store that keeps a session one
 * millisecond too long is caught.
 */
export function opsAtAnExpiryInstant(steps: readonly StoreStep[]): number[] {
  let now = 0;
  const expiresAt = new Map<number, number>();
  const hits: number[] = [];
  const touchesExpiry = (op: StoreOp) =>
    'sid' in op ? expiresAt.get(op.sid) === now : [...expiresAt.values()].includes(now);
  for (const [index, step] of steps.entries()) {
    if (step.op === 'advance') {
      now += step.ms;
      continue;
    }
    const ops = step.op === 'concurrent' ? step.ops : [step];
    if (ops.some((op) => op.op !== 'set' && op.op !== 'clear' && touchesExpiry(op))) hits.push(index);
    for (const op of ops) if (op.op === 'set') expiresAt.set(op.sid, now + op.maxAgeSeconds * 1_000);
  }
  return hits;
}
