import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { HandlingScenario } from './HandlingScenario.js';
import { HANDLING_STEPS, type HandlingStep, handlingStepsArbitrary, MAX_HANDLING_STEPS } from './handlingSteps.js';
import { HANDLING_INVARIANTS } from './invariants.js';

// The router's message handling on its own: each message handled at once, or under
// `messagesHandledOutOfOrder` in its own task run in any order, across closes and opens.
// A message of a closed connection still changes the shared cache and opens no sync: in
// the router's properties that happens only when a close falls between a message and its task.

export const handlingParamsSchema = z.strictObject({ messagesHandledOutOfOrder: z.boolean() });

export type HandlingParams = z.infer<typeof handlingParamsSchema>;

export const handlingSystem: ModelSystem<HandlingParams, HandlingStep, HandlingScenario> = partSystem({
  name: 'handling',
  paramsSchema: handlingParamsSchema,
  // Out of order in most cases: at once, nothing waits and no close comes between.
  paramsArbitrary: fc.record({ messagesHandledOutOfOrder: fc.constantFrom(true, true, true, false) }),
  steps: HANDLING_STEPS,
  stepsArbitrary: handlingStepsArbitrary,
  maxSteps: MAX_HANDLING_STEPS,
  invariants: HANDLING_INVARIANTS,
  traceColumns: [
    { key: 'cached', label: 'cached', legend: 'the sessions the cache holds, token:id' },
    { key: 'flag', label: 'sync', legend: 'the sync the flag says is in progress ("" for none)' },
    { key: 'waiting', label: 'waiting', legend: 'messages whose handling task has not run' },
  ],
  describeParams: (p) => (p.messagesHandledOutOfOrder ? 'messages handled out of order' : 'messages handled at once'),
  create: (params) => new HandlingScenario(params.messagesHandledOutOfOrder),
});
