import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FAULT_PROFILE_NAMES, type FaultProfileName } from '../../faults.js';
import { INVARIANT_NAMES, type InvariantName } from '../invariants/index.js';
import { hostileStepSchema, mutateStepSchema } from '../model/hostile/hostileSteps.js';
import type { Violation } from '../model/runCase.js';
import { INJECT_KINDS, type ScenarioParams, type Step } from '../model/Step.js';
import { writeJsonAtomic } from '../reports/writeFileAtomic.js';

export const COUNTEREXAMPLE_FORMAT = 'session-sync-counterexample';
export const COUNTEREXAMPLE_VERSION = 1;

const nat = z.number().int().min(0);
const stepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create'), count: nat }),
  z.object({ op: z.literal('update'), pick: nat }),
  z.object({ op: z.literal('end'), pick: nat }),
  z.object({ op: z.literal('resync') }),
  z.object({ op: z.literal('run'), pick: nat }),
  z.object({ op: z.literal('advance'), ms: nat }),
  z.object({ op: z.literal('close') }),
  z.object({ op: z.literal('reconnect') }),
  z.object({ op: z.literal('inject'), kind: z.enum(INJECT_KINDS), pick: nat }),
  hostileStepSchema,
  mutateStepSchema,
]);

const schema = z.object({
  format: z.literal(COUNTEREXAMPLE_FORMAT),
  version: z.literal(COUNTEREXAMPLE_VERSION),
  property: z.enum(INVARIANT_NAMES as [InvariantName, ...InvariantName[]]),
  profile: z.enum(FAULT_PROFILE_NAMES as [FaultProfileName, ...FaultProfileName[]]),
  seed: z.number().int(),
  path: z.string(),
  numRuns: nat,
  fastCheckVersion: z.string(),
  commit: z.string(),
  createdAt: z.string(),
  params: z.object({
    chunkSize: z.number().int().min(1),
    initialSessions: nat,
    tickIntervalMs: z.number().int().min(1),
    deadlineMs: z.number().int().min(1),
  }),
  steps: z.array(stepSchema),
  readableSteps: z.array(z.string()),
  failure: z.object({
    invariant: z.enum(INVARIANT_NAMES as [InvariantName, ...InvariantName[]]),
    phase: z.enum(['step', 'quiescence']),
    atEntry: nat,
    message: z.string(),
  }),
});

/** Everything needed to replay one shrunk failure, as written to disk. */
export interface Counterexample {
  readonly format: typeof COUNTEREXAMPLE_FORMAT;
  readonly version: typeof COUNTEREXAMPLE_VERSION;
  readonly property: InvariantName;
  readonly profile: FaultProfileName;
  readonly seed: number;
  /** fast-check's replay path: with the seed, `fc.check(..., { seed, path })` reruns the shrunk case. */
  readonly path: string;
  readonly numRuns: number;
  readonly fastCheckVersion: string;
  readonly commit: string;
  readonly createdAt: string;
  readonly params: ScenarioParams;
  readonly steps: readonly Step[];
  readonly readableSteps: readonly string[];
  readonly failure: Violation;
}

export class CounterexampleFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'CounterexampleFileError';
  }
}

export function counterexampleFileName(c: Pick<Counterexample, 'property' | 'profile' | 'seed'>): string {
  return `${c.property}-${c.profile}-${c.seed}.json`;
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a file. */
export function writeCounterexample(directory: string, counterexample: Counterexample): string {
  const file = join(directory, counterexampleFileName(counterexample));
  writeJsonAtomic(file, counterexample);
  return file;
}

export function readCounterexample(file: string): Counterexample {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CounterexampleFileError(
      file,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CounterexampleFileError(file, 'not JSON; is it a counterexample file written by `npm run props`?');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== COUNTEREXAMPLE_FORMAT) {
    throw new CounterexampleFileError(file, `not a counterexample file (no "format": "${COUNTEREXAMPLE_FORMAT}")`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new CounterexampleFileError(file, `corrupt counterexample: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as Counterexample;
}
