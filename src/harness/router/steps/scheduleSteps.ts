import fc from 'fast-check';
import { z } from 'zod';
import { stepKind } from '../../engine/StepTable.js';
import type { RouterScenario } from '../RouterScenario.js';
import { PICK_LIMIT, pick } from './pick.js';

/** Run the runnable task or due timer at `pick` (modulo how many are runnable). */
export const runStep = stepKind({
  op: 'run',
  fields: { pick: z.number().int().min(0).max(PICK_LIMIT) },
  generate: fc.record({ pick }),
  weight: 12,
  describe: (step) => `run runnable #${step.pick}`,
  apply(step, scenario: RouterScenario) {
    const count = scenario.runtime.runnableCount();
    if (count === 0) return 'nothing runnable';
    return scenario.runAt(step.pick % count);
  },
});

/** The clock moves by a tick, to a deadline, or anywhere between. */
const advanceMs = fc.oneof(fc.constantFrom(1_000, 20_000), fc.integer({ min: 1, max: 25_000 }));

/** Move the virtual clock forward; due ticks and deadlines become runnable. */
export const advanceStep = stepKind({
  op: 'advance',
  fields: { ms: z.number().int().min(0).max(600_000) },
  generate: fc.record({ ms: advanceMs }),
  weight: 3,
  describe: (step) => `advance clock ${step.ms} ms`,
  apply(step, scenario: RouterScenario) {
    scenario.runtime.advanceBy(step.ms);
    return `clock at ${scenario.runtime.now()} ms`;
  },
});
