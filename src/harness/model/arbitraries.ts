import fc from 'fast-check';
import type { InvariantName } from '../invariants/Invariant.js';
import { hostileStepArbitrary, mutateStepArbitrary } from './hostile/hostileSteps.js';
import { INJECT_KINDS, type ScenarioParams, type Step } from './Step.js';

/** Small syncs (chunks of 1–5, up to 12 sessions) reach every chunk boundary quickly. */
export const paramsArbitrary: fc.Arbitrary<ScenarioParams> = fc.record({
  chunkSize: fc.integer({ min: 1, max: 5 }),
  initialSessions: fc.integer({ min: 0, max: 12 }),
  tickIntervalMs: fc.constant(1_000),
  deadlineMs: fc.constant(20_000),
});

// Picks are small so shrinking lands on "the first runnable item", the FIFO order.
const pick = fc.nat({ max: 7 });

/** The clock moves by a tick, to a deadline, or anywhere between. */
const advanceMs = fc.oneof(fc.constantFrom(1_000, 20_000), fc.integer({ min: 1, max: 25_000 }));

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ op: fc.constant('run' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('create' as const), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('update' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('end' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: advanceMs }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resync' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reconnect' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('inject' as const), kind: fc.constantFrom(...INJECT_KINDS), pick }),
  },
);

export const stepsArbitrary: fc.Arbitrary<Step[]> = fc.array(stepArbitrary, { maxLength: 60, size: 'medium' });

/**
 * Robustness also gets arbitrary envelopes and damaged copies of in-flight messages.
 * Only it: hostile input may name a sync newer than any the controller started, and
 * the router then rightly ignores the controller's syncs until a reconnect, which
 * convergence would count against it.
 */
const robustnessStepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 27, arbitrary: stepArbitrary },
  { weight: 2, arbitrary: hostileStepArbitrary },
  { weight: 2, arbitrary: mutateStepArbitrary },
);

export function stepsArbitraryFor(invariant: InvariantName): fc.Arbitrary<Step[]> {
  if (invariant !== 'robustness') return stepsArbitrary;
  return fc.array(robustnessStepArbitrary, { maxLength: 60, size: 'medium' });
}
