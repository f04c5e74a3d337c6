import fc from 'fast-check';
import { z } from 'zod';
import { type StepOf, StepTable, stepKind, swarmSteps } from '../engine/StepTable.js';
import type { StoreModelScenario } from './StoreModelScenario.js';
import { describeStoreOp, describeStoreStep, type StoreOp, type StoreStep } from './StoreStep.js';

/** Four ids: enough for sessions to collide and to outlive one another. */
const sid = fc.nat({ max: 3 });
const maxAgeSeconds = fc.integer({ min: 1, max: 5 });

const sidField = z.number().int().min(0).max(1_000);
const maxAgeField = z.number().int().min(1).max(86_400);

async function run(step: StoreStep, scenario: StoreModelScenario): Promise<string> {
  const outcome = await scenario.scenario.apply(step);
  scenario.lastOutcome = outcome;
  return outcome.result;
}

const setStep = stepKind({
  op: 'set',
  fields: { sid: sidField, maxAgeSeconds: maxAgeField },
  generate: fc.record({ sid, maxAgeSeconds }),
  weight: 5,
  describe: (step) => describeStoreOp(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});
const getStep = stepKind({
  op: 'get',
  fields: { sid: sidField },
  generate: fc.record({ sid }),
  weight: 4,
  describe: (step) => describeStoreOp(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});
const touchStep = stepKind({
  op: 'touch',
  fields: { sid: sidField, maxAgeSeconds: maxAgeField },
  generate: fc.record({ sid, maxAgeSeconds }),
  weight: 2,
  describe: (step) => describeStoreOp(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});
const destroyStep = stepKind({
  op: 'destroy',
  fields: { sid: sidField },
  generate: fc.record({ sid }),
  weight: 2,
  describe: (step) => describeStoreOp(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});
const allStep = stepKind({
  op: 'all',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: (step) => describeStoreOp(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});
const lengthStep = stepKind({
  op: 'length',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: (step) => describeStoreOp(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});
const clearStep = stepKind({
  op: 'clear',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: (step) => describeStoreOp(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});

const sweepStep = stepKind({
  op: 'sweep',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: (step) => describeStoreOp(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});

const OP_KINDS = [setStep, getStep, touchStep, destroyStep, allStep, lengthStep, clearStep, sweepStep] as const;
const opSchema = z.discriminatedUnion(
  'op',
  // biome-ignore lint/suspicious/noExplicitAny: zod's discriminated union wants a tuple type a mapped list cannot have
  OP_KINDS.map((kind) => kind.schema) as any,
) as unknown as z.ZodType<StoreOp>;
/** Move the virtual clock by whole seconds; timers due on the way run. */
const advanceStep = stepKind({
  op: 'advance',
  fields: {
    ms: z
      .number()
      .int()
      .min(1_000)
      .max(86_400_000)
      .refine((ms) => ms % 1_000 === 0, 'a whole number of seconds'),
  },
  generate: fc.record({ ms: fc.integer({ min: 1, max: 6 }).map((seconds) => seconds * 1_000) }),
  weight: 4,
  describe: (step) => describeStoreStep(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});

// Within a concurrent step every op is as likely as any other: the rare ones (clear, length,
// all) are those that read or write many keys, where a store's non-atomic paths show.
// Cross-shrinking lets any failing op shrink into a `set`, and that into `set sid-0 maxAge 1s`.
const concurrentOpArbitrary: fc.Arbitrary<StoreOp> = fc.oneof(
  { withCrossShrink: true },
  ...OP_KINDS.map((kind) => kind.arbitrary as fc.Arbitrary<StoreOp>),
);

/** Start several ops in call order without awaiting any, then await them all. */
const concurrentStep = stepKind({
  op: 'concurrent',
  fields: { ops: z.array(opSchema).min(1).max(8) },
  // Three or four ops are generated; each may shrink away (to none), so that a failure
  // that needs one op alone shrinks to that op, not to a batch of three.
  generate: fc.record({
    ops: fc
      .array(fc.option(concurrentOpArbitrary, { freq: 1_000 }), { minLength: 3, maxLength: 4 })
      .map((ops) => ops.filter((op): op is StoreOp => op !== null))
      .filter((ops) => ops.length > 0),
  }),
  weight: 2,
  describe: (step) => describeStoreStep(step),
  apply: (step, scenario: StoreModelScenario) => run(step, scenario),
});

const STORE_STEP_KINDS = [...OP_KINDS, advanceStep, concurrentStep] as const;

export type StoreTableStep = StepOf<(typeof STORE_STEP_KINDS)[number]>;

export const STORE_STEPS = new StepTable<StoreStep, StoreModelScenario>(STORE_STEP_KINDS);

export const MAX_STORE_STEPS = 500;

/** Up to 30 steps; swarm testing makes some cases all logins and expiry, some all reads and clears. */
export const storeStepsArbitrary: fc.Arbitrary<StoreStep[]> = swarmSteps(STORE_STEPS, {
  maxLength: 30,
  always: ['set', 'advance', 'concurrent'],
});
