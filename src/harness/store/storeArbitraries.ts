import fc from 'fast-check';
import type { StoreOp, StoreStep } from './StoreStep.js';

/** Four ids: enough for sessions to collide and to outlive one another. */
const sid = fc.nat({ max: 3 });
const maxAgeSeconds = fc.integer({ min: 1, max: 5 });

// Cross-shrinking lets any failing op shrink into a `set`, and that into `set sid-0 maxAge 1s`.
export const storeOpArbitrary: fc.Arbitrary<StoreOp> = fc.oneof(
  { withCrossShrink: true },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), sid, maxAgeSeconds }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('get' as const), sid }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('touch' as const), sid, maxAgeSeconds }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('destroy' as const), sid }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('all' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('length' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
);

const advanceArbitrary = fc.record({
  op: fc.constant('advance' as const),
  ms: fc.integer({ min: 1, max: 6 }).map((seconds) => seconds * 1_000),
});

/**
 * An op, one time in six with one to three more started together. The batch is decided
 * by a number that shrinks to 0 ("not a batch") from anywhere, so a failing concurrent
 * step always gets the chance to shrink into a plain op.
 */
const opOrBatchArbitrary: fc.Arbitrary<StoreStep> = fc
  .tuple(storeOpArbitrary, fc.nat({ max: 5 }), fc.array(storeOpArbitrary, { minLength: 1, maxLength: 3 }))
  .map(([first, roll, rest]): StoreStep => (roll < 5 ? first : { op: 'concurrent', ops: [first, ...rest] }));

export const storeStepArbitrary: fc.Arbitrary<StoreStep> = fc.oneof(
  { weight: 12, arbitrary: opOrBatchArbitrary },
  { weight: 4, arbitrary: advanceArbitrary },
);

export const storeStepsArbitrary: fc.Arbitrary<StoreStep[]> = fc.array(storeStepArbitrary, {
  maxLength: 30,
  size: 'medium',
});
