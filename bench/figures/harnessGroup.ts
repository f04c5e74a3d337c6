import fc from 'fast-check';
import type { RouterParams } from '../../src/harness/index.js';
import {
  allOf,
  ROUTER_INVARIANTS,
  ROUTER_STEPS,
  RouterScenario,
  type RouterStep,
  routerSystem,
  runCase,
} from '../../src/harness/index.js';
import { pairedRatio } from '../gates/figures.js';
import type { MeasurementGroup } from '../gates/Gate.js';
import { mapChurn } from '../reference/mapChurn.js';
import { benchRounds } from '../timing/benchRounds.js';
import { once, type Samples, type TimedWork } from '../timing/TimedWork.js';
import { absoluteResult } from './absoluteResult.js';
import type { GroupOptions } from './GroupOptions.js';
import { OVERHEAD_THRESHOLD, REFERENCE_THRESHOLD } from './thresholds.js';

/** Cases per timed run: enough steps to outlast the timer's grain, few enough for many rounds. */
const CASES = 100;
const SEED = 1_000;
/** Passes over 10k keys that take about as long as the cases through runCase. */
const REFERENCE_PASSES = 8;
/** Checks `router.stats()` after every step, as most invariants do, and needs no gc at the end. */
const INVARIANT = ROUTER_INVARIANTS.bounded;
const paramsArbitrary = routerSystem.paramsArbitrary;
const stepsArbitrary = routerSystem.stepsArbitrary(INVARIANT.name);

/**
 * Every router invariant at once, each with its own watch, less the two that collect
 * garbage at quiescence (freed's heap check, footprint's repeated syncs): what checking
 * every promise after every step costs next to checking one.
 */
const EVERY_INVARIANT = allOf(
  'every-invariant',
  Object.values(ROUTER_INVARIANTS).filter((invariant) => invariant.name !== 'freed' && invariant.name !== 'footprint'),
);
/** All invariants checked must run at least 70% as many steps per CPU-second as `bounded` alone. */
const EVERY_INVARIANT_SPEED = 0.7;

const CHECKED = 'harness/run-case';
const CHECKED_ALL = 'harness/run-case-every-invariant';
const BARE = 'harness/bare-scenario';
const FAST_CHECK = 'harness/fc-check';
const REFERENCE = `reference/map-churn/10kx${REFERENCE_PASSES}`;
/** Not timed: steps per run each way, which the per-step figures need. */
const CHECKED_STEPS = 'harness/run-case-steps';
const BARE_STEPS = 'harness/bare-scenario-steps';
const CHECKED_ALL_STEPS = 'harness/run-case-every-invariant-steps';

type Case = [RouterParams, RouterStep[]];

function harnessWorks(
  cases: readonly Case[],
  options: GroupOptions,
  counted: { checked: number; bare: number; checkedAll: number },
) {
  const works: TimedWork[] = [
    {
      name: CHECKED,
      async: true,
      run: async () => {
        counted.checked = 0;
        for (const [params, steps] of cases) {
          await runCase(routerSystem, { target: options.profile, params, steps }, INVARIANT, {
            onEntry: () => {
              counted.checked++;
            },
          });
        }
      },
    },
    {
      name: CHECKED_ALL,
      async: true,
      run: async () => {
        counted.checkedAll = 0;
        for (const [params, steps] of cases) {
          await runCase(routerSystem, { target: options.profile, params, steps }, EVERY_INVARIANT, {
            onEntry: () => {
              counted.checkedAll++;
            },
          });
        }
      },
    },
    {
      name: BARE,
      run: () => {
        counted.bare = 0;
        for (const [params, steps] of cases) {
          const scenario = new RouterScenario(params, options.profile);
          for (const step of steps) ROUTER_STEPS.apply(step, scenario);
          counted.bare += steps.length;
          scenario.drain(() => {
            counted.bare++;
          });
        }
      },
    },
    {
      name: FAST_CHECK,
      async: true,
      run: async () => {
        await fc.check(
          fc.asyncProperty(paramsArbitrary, stepsArbitrary, async (params, steps) => {
            await runCase(routerSystem, { target: options.profile, params, steps }, INVARIANT);
          }),
          { numRuns: CASES, seed: SEED },
        );
      },
    },
    mapChurn(REFERENCE, 10_000, REFERENCE_PASSES),
  ];
  return works;
}

/** Steps run per timed run through runCase, from the samples. */
function stepsOf(samples: Samples, key: string): number {
  return samples[key]?.[0] ?? 0;
}

/**
 * The same generated cases three ways: applied to the scenario and drained with nothing
 * checked (the system under test as the harness drives it), through runCase with the
 * bounded invariant after every step, and through fc.check, which also generates them.
 */
export function harnessGroup(options: GroupOptions): MeasurementGroup {
  const counted = { checked: 0, bare: 0, checkedAll: 0 };
  const works = once(() =>
    harnessWorks(
      fc.sample(fc.tuple(paramsArbitrary, stepsArbitrary), { numRuns: CASES, seed: SEED }),
      options,
      counted,
    ),
  );
  return {
    name: 'harness',
    gates: [
      {
        name: 'harness/overhead-per-step',
        kind: 'overhead',
        measures: `${CASES} generated cases (seed ${SEED}) through runCase with the ${INVARIANT.name} invariant after every step, over the same cases applied to the scenario and drained with nothing checked, per step; median of the per-round ratios of CPU time`,
        unit: 'x',
        threshold: OVERHEAD_THRESHOLD,
        // The same steps both ways when no check fails; scaled in case a drain differs.
        figure: (samples) => {
          const ratio = pairedRatio(samples, CHECKED, BARE);
          const [checked, bare] = [stepsOf(samples, CHECKED_STEPS), stepsOf(samples, BARE_STEPS)];
          return {
            value: checked > 0 && bare > 0 ? (ratio.value * bare) / checked : ratio.value,
            samples: ratio.samples,
          };
        },
      },
      {
        name: 'harness/every-invariant-per-step',
        kind: 'overhead',
        measures: `the same ${CASES} cases through runCase with every router invariant but freed and footprint (${EVERY_INVARIANT.promise.replace('every one of ', '')}) over ${INVARIANT.name} alone, per step; median of the per-round ratios of CPU time; its limit is ${EVERY_INVARIANT_SPEED * 100}% of the steps per second`,
        unit: 'x',
        threshold: OVERHEAD_THRESHOLD,
        reportedLimit: 1 / EVERY_INVARIANT_SPEED,
        figure: (samples) => {
          const ratio = pairedRatio(samples, CHECKED_ALL, CHECKED);
          const [all, one] = [stepsOf(samples, CHECKED_ALL_STEPS), stepsOf(samples, CHECKED_STEPS)];
          return { value: all > 0 && one > 0 ? (ratio.value * one) / all : ratio.value, samples: ratio.samples };
        },
      },
      {
        name: 'harness/fast-check-overhead',
        kind: 'overhead',
        measures: `fc.check generating and running ${CASES} cases (seed ${SEED}) over a plain loop running the same cases through runCase; median of the per-round ratios of CPU time`,
        unit: 'x',
        threshold: OVERHEAD_THRESHOLD,
        figure: (samples) => pairedRatio(samples, FAST_CHECK, CHECKED),
      },
      {
        name: 'harness/run-case/over-reference',
        kind: 'vs-reference',
        measures: `${CASES} generated cases through runCase over ${REFERENCE_PASSES} passes of the reference of 10k string keys; median of the per-round ratios of CPU time`,
        unit: 'x reference',
        threshold: REFERENCE_THRESHOLD,
        figure: (samples) => pairedRatio(samples, CHECKED, REFERENCE),
      },
    ],
    rounds: options.rounds,
    confirmRounds: options.confirmRounds,
    measure: async (rounds, signal) => {
      const samples = await benchRounds(works(), { rounds, warmupRounds: 3, signal });
      return {
        ...samples,
        [CHECKED_STEPS]: [counted.checked],
        [BARE_STEPS]: [counted.bare],
        [CHECKED_ALL_STEPS]: [counted.checkedAll],
      };
    },
    absolute: (samples) => [
      absoluteResult(
        'harness/steps-per-second',
        'harness',
        'steps/s',
        samples[CHECKED] ?? [],
        (ms) => (stepsOf(samples, CHECKED_STEPS) * 1_000) / ms,
        true,
        `generated steps and drain actions per second of CPU time, ${options.profile}, ${INVARIANT.name}`,
      ),
      absoluteResult(
        'harness/steps-per-second-every-invariant',
        'harness',
        'steps/s',
        samples[CHECKED_ALL] ?? [],
        (ms) => (stepsOf(samples, CHECKED_ALL_STEPS) * 1_000) / ms,
        true,
        `generated steps and drain actions per second of CPU time, ${options.profile}, every invariant but freed and footprint`,
      ),
    ],
  };
}
