import fc from 'fast-check';
import { z } from 'zod';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import type { EventsScenario } from './EventsScenario.js';

const subscribe = stepKind({
  op: 'subscribe',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'subscribe a listener',
  apply: (_step, scenario: EventsScenario) => {
    scenario.subscribe();
    return `listener #${scenario.listeners.length - 1}`;
  },
});

/** Lets go of the listener at `pick` (modulo how many there were), perhaps a second time. */
const unsubscribe = stepKind({
  op: 'unsubscribe',
  fields: { pick: z.number().int().min(0).max(1_000) },
  generate: fc.record({ pick: fc.nat({ max: 5 }) }),
  weight: 1,
  describe: (step) => `let go of listener #${step.pick} (modulo how many)`,
  apply: (step, scenario: EventsScenario) => {
    const index = step.pick % Math.max(1, scenario.listeners.length);
    const listener = scenario.listeners[index];
    if (listener === undefined) return 'no listener';
    listener.stop();
    listener.active = false;
    return `let go of #${index}`;
  },
});

const emit = stepKind({
  op: 'emit',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'emit an event',
  apply: (_step, scenario: EventsScenario) => {
    scenario.tell('emit');
    return 'emitted';
  },
});

const ended = stepKind({
  op: 'ended',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => "announce an object's end",
  apply: (_step, scenario: EventsScenario) => {
    scenario.tell('ended');
    return 'announced';
  },
});

const EVENTS_STEP_KINDS = [subscribe, unsubscribe, emit, ended] as const;

export type EventsStep = StepOf<(typeof EVENTS_STEP_KINDS)[number]>;

export const EVENTS_STEPS = new StepTable<EventsStep, EventsScenario>(EVENTS_STEP_KINDS);

export const MAX_EVENTS_STEPS = 500;

export const eventsStepsArbitrary: fc.Arbitrary<EventsStep[]> = fc.array(EVENTS_STEPS.arbitrary(), {
  maxLength: 30,
  size: 'max',
});
