import { type IntegerRange, parseInteger } from './integers.js';

/** Runs per property in `npm test`; every fault profile is caught well inside it on 30 seeds. */
export const CI_RUNS = 300;
/** Runs per property in the nightly job unless told otherwise. */
export const NIGHTLY_RUNS_DEFAULT = 5_000;
/** The seed `npm test` uses, so CI is deterministic; the nightly job draws others. */
export const CI_SEED = 20250114;

/**
 * fast-check uses a seed as it is only inside the 32-bit signed range; a larger one is
 * folded into it, so two different seeds would name one run.
 */
export const SEED_RANGE: IntegerRange = { min: -(2 ** 31), max: 2 ** 31 - 1 };
export const RUNS_RANGE: IntegerRange = { min: 1, max: 10_000_000 };

/** Fewer cases than this, and a property that held says little: its verdict is "inconclusive". */
export const MIN_RUNS_FOR_A_VERDICT = 100;

export function parseSeed(name: string, raw: string): number {
  return parseInteger(name, raw, SEED_RANGE);
}

export function parseRuns(name: string, raw: string): number {
  return parseInteger(name, raw, RUNS_RANGE);
}

/** A seed drawn at random, inside the range fast-check uses as is. */
export function randomSeed(): number {
  return Math.floor(Math.random() * SEED_RANGE.max);
}

/** `NIGHTLY_RUNS` raises the number of runs (nightly job); otherwise the CI budget. */
export function runsFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.NIGHTLY_RUNS;
  return raw === undefined || raw === '' ? CI_RUNS : parseRuns('NIGHTLY_RUNS', raw);
}

/** `PROPERTY_SEED` pins the seed; otherwise the fixed CI seed. */
export function seedFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PROPERTY_SEED;
  return raw === undefined || raw === '' ? CI_SEED : parseSeed('PROPERTY_SEED', raw);
}
