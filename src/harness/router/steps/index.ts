import type fc from 'fast-check';
import { type StepOf, StepTable, swarmSteps } from '../../engine/StepTable.js';
import type { RouterScenario } from '../RouterScenario.js';
import { injectStep } from './adversarySteps.js';
import { closeStep, reconnectStep } from './channelSteps.js';
import { createStep, endStep, resyncStep, updateStep } from './controllerSteps.js';
import { advanceStep, runStep } from './scheduleSteps.js';

const ROUTER_STEP_KINDS = [
  createStep,
  updateStep,
  endStep,
  resyncStep,
  runStep,
  advanceStep,
  closeStep,
  reconnectStep,
  injectStep,
] as const;

/** One step of a generated router schedule, as plain data. */
export type RouterStep = StepOf<(typeof ROUTER_STEP_KINDS)[number]>;

export const ROUTER_STEPS = new StepTable<RouterStep, RouterScenario>(ROUTER_STEP_KINDS);

/** Generated schedules stay far below this; a counterexample file may not hold more. */
export const MAX_ROUTER_STEPS = 1_000;

/** Medium-sized schedules (median about 30 steps, up to 60): fast-check's default size would give 5. */
export const routerStepsArbitrary: fc.Arbitrary<RouterStep[]> = swarmSteps(ROUTER_STEPS, {
  maxLength: 60,
  always: ['run'],
});
