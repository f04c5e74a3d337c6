import type fc from 'fast-check';
import { type StepOf, StepTable, swarmSteps } from '../../engine/StepTable.js';
import type { RouterScenario } from '../RouterScenario.js';
import { hostileStep, injectStep, mutateStep } from './adversarySteps.js';
import { closeStep, corruptStep, loseStep, reconnectStep } from './channelSteps.js';
import { createStep, endNewestStep, endStep, resyncStep, updateStep } from './controllerSteps.js';
import { listenStep, unlistenStep } from './edgeSteps.js';
import { advanceStep, runStep } from './scheduleSteps.js';

const ROUTER_STEP_KINDS = [
  createStep,
  updateStep,
  endStep,
  endNewestStep,
  resyncStep,
  listenStep,
  unlistenStep,
  runStep,
  advanceStep,
  closeStep,
  reconnectStep,
  loseStep,
  corruptStep,
  injectStep,
  hostileStep,
  mutateStep,
] as const;

/** One step of a generated router schedule, as plain data. */
export type RouterStep = StepOf<(typeof ROUTER_STEP_KINDS)[number]>;

export const ROUTER_STEPS = new StepTable<RouterStep, RouterScenario>(ROUTER_STEP_KINDS);

/** Generated schedules stay far below this; a counterexample file may not hold more. */
export const MAX_ROUTER_STEPS = 1_000;

/**
 * Hostile and damaged envelopes only where robustness is judged: hostile input may name a
 * sync newer than any the controller started, and the router then rightly ignores the
 * controller's syncs until a reconnect, which convergence would count against it.
 */
const HOSTILE_OPS = ['hostile', 'mutate'];

/**
 * Medium-sized schedules (median about 30 steps, up to 60): fast-check's default size would
 * give 5. Running work, moving the clock and live adds are in every schedule: without them a
 * sync never completes and nothing arrives after it, and the inverted flag took up to 17
 * cases to show (6 with them, over 30 seeds).
 */
/**
 * Edge connections' removal listeners only where `announced` judges them: elsewhere they
 * change nothing a property reads, and would only thin out the steps that do.
 */
const LISTENER_OPS = ['listen', 'unlisten'];

const ordinarySteps = swarmSteps(ROUTER_STEPS, {
  maxLength: 60,
  always: ['run', 'advance', 'create'],
  leaveOut: [...HOSTILE_OPS, ...LISTENER_OPS],
});
const stepsWithListeners = swarmSteps(ROUTER_STEPS, {
  maxLength: 60,
  always: ['run', 'advance', 'create'],
  leaveOut: HOSTILE_OPS,
});
const stepsWithHostileInput = swarmSteps(ROUTER_STEPS, { maxLength: 60, always: ['run'], leaveOut: LISTENER_OPS });

export function routerStepsArbitrary(property: string): fc.Arbitrary<RouterStep[]> {
  if (property === 'robustness') return stepsWithHostileInput;
  return property === 'announced' ? stepsWithListeners : ordinarySteps;
}
