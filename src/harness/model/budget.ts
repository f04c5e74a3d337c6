/** Runs per property in `npm test`; enough to catch every historical fault on every seed tried. */
export const CI_RUNS = 300;
/** Runs per property in the nightly job unless told otherwise. */
export const NIGHTLY_RUNS_DEFAULT = 5_000;
/** The seed `npm test` uses, so CI is deterministic; the nightly job draws others. */
export const CI_SEED = 20250114;

export class BudgetError extends Error {
  constructor(name: string, raw: string) {
    super(`${name} must be a positive whole number, got "${raw}"`);
    this.name = 'BudgetError';
  }
}

export function parsePositiveInt(name: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) throw new BudgetError(name, raw);
  return value;
}

/** `NIGHTLY_RUNS` raises the number of runs (nightly job); otherwise the CI budget. */
export function runsFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.NIGHTLY_RUNS;
  return raw === undefined || raw === '' ? CI_RUNS : parsePositiveInt('NIGHTLY_RUNS', raw);
}

/** `PROPERTY_SEED` pins the seed; otherwise the fixed CI seed. */
export function seedFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PROPERTY_SEED;
  if (raw === undefined || raw === '') return CI_SEED;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new BudgetError('PROPERTY_SEED', raw);
  return value;
}
