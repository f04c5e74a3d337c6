import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { EventsScenario } from './EventsScenario.js';
import { EVENTS_STEPS, type EventsStep, eventsStepsArbitrary, MAX_EVENTS_STEPS } from './eventsSteps.js';
import { EVENTS_INVARIANTS } from './invariants.js';

// The router's event stream on its own: every invariant reads it, so a listener that hears
// an event twice, late, or after it was let go misleads them all.

/** An events case is its steps alone. */
export const eventsParamsSchema = z.strictObject({});

export type EventsParams = z.infer<typeof eventsParamsSchema>;

export const eventsSystem: ModelSystem<EventsParams, EventsStep, EventsScenario> = partSystem({
  name: 'events',
  paramsSchema: eventsParamsSchema,
  paramsArbitrary: fc.constant({}),
  steps: EVENTS_STEPS,
  stepsArbitrary: eventsStepsArbitrary,
  maxSteps: MAX_EVENTS_STEPS,
  invariants: EVENTS_INVARIANTS,
  traceColumns: [
    { key: 'listening', label: 'listening', legend: 'listeners subscribed and not let go' },
    { key: 'observed', label: 'observed', legend: 'what the stream says of itself' },
  ],
  describeParams: () => 'a new event stream',
  create: () => new EventsScenario(),
});
