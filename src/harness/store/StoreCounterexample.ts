import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../reports/writeFileAtomic.js';
import { STORE_INVARIANT_NAMES, type StoreInvariantName } from './invariants/index.js';
import type { StoreViolation } from './runStoreCase.js';
import type { ConcurrencyModel } from './StoreScenario.js';
import type { StoreStep } from './StoreStep.js';

export const STORE_COUNTEREXAMPLE_FORMAT = 'store-counterexample';
export const STORE_COUNTEREXAMPLE_VERSION = 1;

const nat = z.number().int().min(0);
const sid = nat;
const seconds = z.number().int().min(1);
const opSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), sid, maxAgeSeconds: seconds }),
  z.object({ op: z.literal('get'), sid }),
  z.object({ op: z.literal('touch'), sid, maxAgeSeconds: seconds }),
  z.object({ op: z.literal('destroy'), sid }),
  z.object({ op: z.literal('all') }),
  z.object({ op: z.literal('length') }),
  z.object({ op: z.literal('clear') }),
]);
const stepSchema = z.union([
  opSchema,
  z.object({ op: z.literal('advance'), ms: nat.refine((ms) => ms % 1_000 === 0, 'a whole number of seconds in ms') }),
  z.object({ op: z.literal('concurrent'), ops: z.array(opSchema) }),
]);
const invariantName = z.enum(STORE_INVARIANT_NAMES as [StoreInvariantName, ...StoreInvariantName[]]);

const schema = z.object({
  format: z.literal(STORE_COUNTEREXAMPLE_FORMAT),
  version: z.literal(STORE_COUNTEREXAMPLE_VERSION),
  store: z.string(),
  packageName: z.string(),
  packageVersion: z.string(),
  invariant: invariantName,
  concurrency: z.enum(['linearizable', 'call-order']),
  seed: z.number().int(),
  path: z.string(),
  numRuns: nat,
  fastCheckVersion: z.string(),
  commit: z.string(),
  createdAt: z.string(),
  steps: z.array(stepSchema),
  readableSteps: z.array(z.string()),
  failure: z.object({
    invariant: invariantName,
    phase: z.enum(['step', 'quiescence']),
    atEntry: nat,
    message: z.string(),
  }),
});

/** One shrunk store failure, as written to disk; `runStoreCase({ store, steps, concurrency }, ...)` replays it. */
export interface StoreCounterexample {
  readonly format: typeof STORE_COUNTEREXAMPLE_FORMAT;
  readonly version: typeof STORE_COUNTEREXAMPLE_VERSION;
  readonly store: string;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly invariant: StoreInvariantName;
  readonly concurrency: ConcurrencyModel;
  readonly seed: number;
  /** fast-check's replay path: with the seed, reruns the shrunk case. */
  readonly path: string;
  readonly numRuns: number;
  readonly fastCheckVersion: string;
  readonly commit: string;
  readonly createdAt: string;
  readonly steps: readonly StoreStep[];
  readonly readableSteps: readonly string[];
  readonly failure: StoreViolation;
}

export class StoreCounterexampleFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'StoreCounterexampleFileError';
  }
}

export function storeCounterexampleFileName(c: Pick<StoreCounterexample, 'store' | 'invariant' | 'seed'>): string {
  const store = c.store.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return `store-${store}-${c.invariant}-${c.seed}.json`;
}

export function writeStoreCounterexample(directory: string, counterexample: StoreCounterexample): string {
  const file = join(directory, storeCounterexampleFileName(counterexample));
  writeJsonAtomic(file, counterexample);
  return file;
}

export function readStoreCounterexample(file: string): StoreCounterexample {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StoreCounterexampleFileError(file, `cannot read it as JSON (${String(error)})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new StoreCounterexampleFileError(
      file,
      `not a store counterexample: ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data as StoreCounterexample;
}
