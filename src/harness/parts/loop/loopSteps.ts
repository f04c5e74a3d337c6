import fc from 'fast-check';
import { z } from 'zod';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import type { LoopScenario } from './LoopScenario.js';

// Ids sort around the text a mutant puts in place of "" ("Stryker was here!").
const syncId = fc.constantFrom('0', 'A', 'T', 'a', 'm', 'z');
const syncIdField = z.string().min(1).max(40);

const chunk = stepKind({
  op: 'chunk',
  fields: { syncId: syncIdField, sequence: z.number().int().min(0).max(1_000), isLast: z.boolean() },
  generate: fc.record({ syncId, sequence: fc.nat({ max: 3 }), isLast: fc.boolean() }),
  weight: 6,
  describe: (step) => `chunk ${step.sequence}${step.isLast ? ' (last)' : ''} of ${step.syncId}`,
  apply: (step, scenario: LoopScenario) => {
    const { syncId: id, sequence, isLast } = step;
    const sessions = scenario.sessionsOf();
    scenario.pushed.push(sessions);
    scenario.loop.queue.push({ kind: 'chunk', syncState: { id, sequence, isLast }, sessions });
    scenario.model.chunk(id, sequence, isLast, sessions);
    scenario.runLoop();
    return `stale ${scenario.counters.staleChunksIgnored}, started ${scenario.counters.syncsStarted}`;
  },
});

const fail = stepKind({
  op: 'fail',
  fields: { syncId: syncIdField },
  generate: fc.record({ syncId }),
  weight: 2,
  describe: (step) => `failure of ${step.syncId}`,
  apply: (step, scenario: LoopScenario) => {
    scenario.loop.queue.push({ kind: 'fail', syncId: step.syncId, reason: `broken ${step.syncId}` });
    scenario.model.fail(step.syncId);
    scenario.runLoop();
    return `failed ${scenario.counters.syncsFailed}, resyncs asked ${scenario.resyncs.length}`;
  },
});

const postSync = stepKind({
  op: 'post-sync',
  fields: { syncId: syncIdField },
  generate: fc.record({ syncId }),
  weight: 1,
  describe: (step) => `post-sync data of ${step.syncId}`,
  apply: (step, scenario: LoopScenario) => {
    scenario.loop.queue.push({ kind: 'post-sync', syncId: step.syncId, sessions: scenario.sessionsOf() });
    scenario.runLoop();
    return 'handled';
  },
});

const close = stepKind({
  op: 'close',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'close (abort, then resume)',
  apply: (_step, scenario: LoopScenario) => {
    scenario.loop.abort();
    scenario.loop.resume();
    scenario.model.close();
    scenario.runLoop();
    return `aborted ${scenario.counters.syncsAborted}`;
  },
});

const LOOP_STEP_KINDS = [chunk, fail, postSync, close] as const;

export type LoopStep = StepOf<(typeof LOOP_STEP_KINDS)[number]>;

export const LOOP_STEPS = new StepTable<LoopStep, LoopScenario>(LOOP_STEP_KINDS);

export const MAX_LOOP_STEPS = 500;

export const loopStepsArbitrary: fc.Arbitrary<LoopStep[]> = fc.array(LOOP_STEPS.arbitrary(), {
  maxLength: 30,
  size: 'max',
});
