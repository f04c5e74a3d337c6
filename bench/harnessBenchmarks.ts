import fc from 'fast-check';
import { runCase } from '../src/harness/engine/runCase.js';
import type { BenchResult } from '../src/harness/reports/BenchReport.js';
import { ROUTER_INVARIANTS } from '../src/harness/router/invariants/index.js';
import { routerSystem } from '../src/harness/router/RouterSystem.js';
import { median } from './measure.js';

function result(name: string, unit: string, values: number[], higherIsBetter: boolean, note?: string): BenchResult {
  return {
    name,
    group: 'harness',
    unit,
    value: median(values),
    higherIsBetter,
    spread: { samples: values.length, min: Math.min(...values), max: Math.max(...values) },
    ...(note ? { note } : {}),
  };
}

/**
 * Steps explored per second under fixed (the safety property, generated steps plus the
 * drain to quiescence), and fast-check's overhead: the same cases run through fc.check
 * against a plain loop over them, drawn by fc.sample with the same seed.
 */
export async function harnessBenchmarks(runs: number, rounds: number, log: (line: string) => void) {
  const stepsPerSecond: number[] = [];
  const overhead: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const seed = 1_000 + round;
    let steps = 0;
    const cases = fc.sample(fc.tuple(routerSystem.paramsArbitrary, routerSystem.stepsArbitrary('safety')), {
      numRuns: runs,
      seed,
    });
    let started = performance.now();
    for (const [params, caseSteps] of cases) {
      await runCase(routerSystem, { target: 'fixed', params, steps: caseSteps }, ROUTER_INVARIANTS.safety, {
        onEntry: () => {
          steps++;
        },
      });
    }
    const plainMs = performance.now() - started;
    stepsPerSecond.push((steps * 1_000) / plainMs);
    started = performance.now();
    await fc.check(
      fc.asyncProperty(
        routerSystem.paramsArbitrary,
        routerSystem.stepsArbitrary('safety'),
        async (params, caseSteps) => {
          await runCase(routerSystem, { target: 'fixed', params, steps: caseSteps }, ROUTER_INVARIANTS.safety);
        },
      ),
      { numRuns: runs, seed },
    );
    const checkedMs = performance.now() - started;
    overhead.push(checkedMs / plainMs);
    log(
      `harness round ${round + 1}: ${Math.round((steps * 1_000) / plainMs)} steps/s, fast-check overhead ${(checkedMs / plainMs).toFixed(2)}x`,
    );
  }
  return [
    result(
      'harness/steps-per-second',
      'steps/s',
      stepsPerSecond,
      true,
      'generated steps and drain actions, fixed, safety',
    ),
    result(
      'harness/fast-check-overhead',
      'ratio',
      overhead,
      false,
      'fc.check time over a plain loop on the same cases',
    ),
  ];
}
