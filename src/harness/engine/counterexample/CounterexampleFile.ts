import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HarnessError } from '../../../errors.js';
import { writeJsonAtomic } from '../../../reports/writeFileAtomic.js';
import { SEED_RANGE } from '../budget.js';
import type { Violation } from '../Invariant.js';
import type { AnyModelSystem } from '../ModelSystem.js';

export const COUNTEREXAMPLE_FORMAT = 'session-sync-counterexample';
export const COUNTEREXAMPLE_VERSION = 2;

/** Larger files are refused before they are parsed: a shrunk case is a few kilobytes. */
export const MAX_COUNTEREXAMPLE_BYTES = 1024 * 1024;

/** Everything needed to replay one shrunk failure, as written to disk. */
export interface Counterexample<Params = unknown, Step = unknown> {
  readonly format: typeof COUNTEREXAMPLE_FORMAT;
  readonly version: typeof COUNTEREXAMPLE_VERSION;
  /** Which system under test: `router`, `store`. */
  readonly system: string;
  /** The fault profile or store it ran against. */
  readonly target: string;
  readonly property: string;
  readonly seed: number;
  /** fast-check's replay path: with the seed, `fc.check(..., { seed, path })` reruns the shrunk case. */
  readonly path: string;
  readonly numRuns: number;
  readonly fastCheckVersion: string;
  readonly commit: string;
  readonly createdAt: string;
  readonly params: Params;
  readonly steps: readonly Step[];
  readonly readableSteps: readonly string[];
  readonly failure: Violation;
}

export class CounterexampleFileError extends HarnessError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('counterexample-file', `${file}: ${reason}`);
    this.name = 'CounterexampleFileError';
  }
}

const boundedText = (max: number) => z.string().max(max);

/** The parts every system shares; `params` and `steps` are checked by the system's own schemas. */
const envelopeSchema = z.object({
  format: z.literal(COUNTEREXAMPLE_FORMAT),
  version: z.literal(COUNTEREXAMPLE_VERSION),
  system: boundedText(40),
  target: boundedText(200),
  property: boundedText(40),
  seed: z.number().int().min(SEED_RANGE.min).max(SEED_RANGE.max),
  path: boundedText(10_000),
  numRuns: z.number().int().min(0).max(10_000_000),
  fastCheckVersion: boundedText(40),
  commit: boundedText(100),
  createdAt: boundedText(40),
  params: z.unknown(),
  steps: z.array(z.unknown()),
  readableSteps: z.array(boundedText(2_000)),
  failure: z.object({
    invariant: boundedText(40),
    phase: z.enum(['step', 'quiescence']),
    atEntry: z.number().int().min(0).max(10_000_000),
    message: boundedText(100_000),
  }),
});

export function counterexampleFileName(c: Pick<Counterexample, 'system' | 'property' | 'target' | 'seed'>): string {
  const system = c.system === 'router' ? '' : `${c.system}-`;
  return `${system}${c.property}-${targetInFileName(c.target)}-${c.seed}.json`;
}

/**
 * A target as a file name shows it: a store module given by its path is named by its last
 * folder and file (`lib_store.js`), never by where it lies on one machine.
 */
export function targetInFileName(target: string): string {
  const parts = target.split(/[\\/]+/).filter((part) => part !== '' && part !== '.' && part !== '..');
  return (
    parts
      .slice(-2)
      .join('_')
      .replace(/[^\w.-]+/g, '_') || '_'
  );
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a file. */
export function writeCounterexample(directory: string, counterexample: Counterexample): string {
  const file = join(directory, counterexampleFileName(counterexample));
  writeJsonAtomic(file, counterexample);
  return file;
}

/** Reads the shared part of a file; `resolve` finds the system named in it, whose schemas check the rest. */
export function readCounterexample(
  file: string,
  resolve: (system: string) => AnyModelSystem | undefined,
): Counterexample {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new CounterexampleFileError(
      file,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (size > MAX_COUNTEREXAMPLE_BYTES) {
    throw new CounterexampleFileError(
      file,
      `${size.toLocaleString('en-US')} bytes; a counterexample file is at most ${MAX_COUNTEREXAMPLE_BYTES.toLocaleString('en-US')} bytes`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new CounterexampleFileError(file, 'not JSON; is it a counterexample file written by `npm run props`?');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== COUNTEREXAMPLE_FORMAT) {
    throw new CounterexampleFileError(file, `not a counterexample file (no "format": "${COUNTEREXAMPLE_FORMAT}")`);
  }
  const envelope = parseOrExplain(file, envelopeSchema, upgrade(json as Record<string, unknown>));
  const system = resolve(envelope.system);
  if (system === undefined) throw new CounterexampleFileError(file, `unknown system "${envelope.system}"`);
  if (!(system.isTarget?.(envelope.target) ?? system.targets.includes(envelope.target))) {
    throw new CounterexampleFileError(
      file,
      `unknown ${system.targetKind} "${envelope.target}"; expected one of ${system.targets.join(', ')}`,
    );
  }
  if (!Object.hasOwn(system.invariants, envelope.property)) {
    throw new CounterexampleFileError(file, `unknown property "${envelope.property}" of the ${system.name}`);
  }
  if (envelope.steps.length > system.maxSteps) {
    throw new CounterexampleFileError(
      file,
      `${envelope.steps.length} steps; a ${system.name} counterexample holds at most ${system.maxSteps}`,
    );
  }
  const params = parseOrExplain(file, system.paramsSchema, envelope.params, 'params');
  const steps = parseOrExplain(file, z.array(system.steps.schema), envelope.steps, 'steps');
  return { ...envelope, params, steps } as Counterexample;
}

/** Version 1 files predate other systems: the router's, with `profile` for the target. */
function upgrade(json: Record<string, unknown>): Record<string, unknown> {
  if (json.version !== 1) return json;
  const { profile, ...rest } = json;
  return { ...rest, version: COUNTEREXAMPLE_VERSION, system: 'router', target: profile };
}

function parseOrExplain<T>(file: string, schema: z.ZodType<T>, value: unknown, prefix?: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = [prefix, ...(issue?.path ?? [])].filter((p) => p !== undefined).join('.') || '(top level)';
  throw new CounterexampleFileError(file, `corrupt counterexample: ${where}: ${issue?.message ?? 'invalid'}`);
}
