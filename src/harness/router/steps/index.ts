import fc from 'fast-check';
import { type StepOf, StepTable, swarmSteps } from '../../engine/StepTable.js';
import type { RouterScenario } from '../RouterScenario.js';
import { hostileStep, injectStep, mutateStep } from './adversarySteps.js';
import { closeStep, corruptStep, loseStep, reconnectStep } from './channelSteps.js';
import { createStep, endNewestStep, endStep, restartStep, resyncStep, updateStep } from './controllerSteps.js';
import { listenStep, unlistenStep } from './edgeSteps.js';
import { advanceStep, runStep } from './scheduleSteps.js';

const ROUTER_STEP_KINDS = [
  createStep,
  updateStep,
  endStep,
  endNewestStep,
  resyncStep,
  restartStep,
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

/**
 * A controller restart in one case of three at most: a case that may restart draws it about
 * as often as a close, but each restart starts the connection over, and in every case it
 * would thin out the late and duplicate chunks the coverage table counts.
 */
const RESTART_OPS = ['restart'];
const CASES_WITHOUT_RESTARTS_PER_CASE_WITH = 1;

function routerCases(options: { readonly always: readonly string[]; readonly leaveOut: readonly string[] }) {
  const settings = { maxLength: 60, always: options.always };
  return fc.oneof(
    {
      weight: CASES_WITHOUT_RESTARTS_PER_CASE_WITH,
      arbitrary: swarmSteps(ROUTER_STEPS, { ...settings, leaveOut: [...options.leaveOut, ...RESTART_OPS] }),
    },
    { weight: 1, arbitrary: swarmSteps(ROUTER_STEPS, { ...settings, leaveOut: options.leaveOut }) },
  );
}

const ordinarySteps = routerCases({
  always: ['run', 'advance', 'create'],
  leaveOut: [...HOSTILE_OPS, ...LISTENER_OPS],
});
const stepsWithListeners = routerCases({ always: ['run', 'advance', 'create'], leaveOut: HOSTILE_OPS });
const stepsWithHostileInput = routerCases({ always: ['run'], leaveOut: LISTENER_OPS });

export function routerStepsArbitrary(property: string): fc.Arbitrary<RouterStep[]> {
  if (property === 'robustness') return stepsWithHostileInput;
  return property === 'announced' ? stepsWithListeners : ordinarySteps;
}
