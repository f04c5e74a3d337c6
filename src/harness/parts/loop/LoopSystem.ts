import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { LOOP_INVARIANTS } from './invariants.js';
import { LoopScenario } from './LoopScenario.js';
import { LOOP_STEPS, type LoopStep, loopStepsArbitrary, MAX_LOOP_STEPS } from './loopSteps.js';

// The receive loop on its own, fed requests the handler and gate in front of it would
// never pass: chunks of older and of ended syncs, duplicates, failures of syncs that ended,
// post-sync data with no tracker, closes in any state. Its own checks are the router's
// second layer; here they are the only one.

/** A loop case is its steps alone: the router's `fixed` faults, default timing, a clock that never moves. */
export const loopParamsSchema = z.strictObject({});

export type LoopParams = z.infer<typeof loopParamsSchema>;

export const loopSystem: ModelSystem<LoopParams, LoopStep, LoopScenario> = partSystem({
  name: 'loop',
  paramsSchema: loopParamsSchema,
  paramsArbitrary: fc.constant({}),
  steps: LOOP_STEPS,
  stepsArbitrary: loopStepsArbitrary,
  maxSteps: MAX_LOOP_STEPS,
  invariants: LOOP_INVARIANTS,
  traceColumns: [
    { key: 'tracker', label: 'tracker', legend: "the sync the loop's tracker collects, and its state" },
    { key: 'chunks', label: 'chunks', legend: 'chunks the tracker holds' },
    { key: 'stale', label: 'stale', legend: 'stale chunks ignored so far' },
  ],
  describeParams: () => 'fixed faults, default timing, the clock never moves',
  create: () => new LoopScenario(),
});
