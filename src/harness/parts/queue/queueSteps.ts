import fc from 'fast-check';
import { z } from 'zod';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import { COMPACTION_HEAD } from './QueueModel.js';
import type { QueueScenario, RequestShape, WhileConsuming } from './QueueScenario.js';

export const QUEUE_SYNC_IDS = 3;
const syncIndex = fc.nat(QUEUE_SYNC_IDS - 1);
const sessionCount = fc.nat(3);
const syncIndexField = z
  .number()
  .int()
  .min(0)
  .max(QUEUE_SYNC_IDS - 1);
const sessionCountField = z.number().int().min(0).max(100);

const requestShapeArbitrary: fc.Arbitrary<RequestShape> = fc.oneof(
  fc.record({
    kind: fc.constant('chunk'),
    syncIndex,
    sequence: fc.nat(4),
    isLast: fc.boolean(),
    sessions: sessionCount,
  }),
  fc.record({ kind: fc.constant('post-sync'), syncIndex, sessions: sessionCount }),
  fc.record({ kind: fc.constant('fail'), syncIndex }),
  fc.record({ kind: fc.constant('legacy'), sessions: sessionCount }),
);

const requestShapeSchema: z.ZodType<RequestShape> = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('chunk'),
    syncIndex: syncIndexField,
    sequence: z.number().int().min(0).max(1_000),
    isLast: z.boolean(),
    sessions: sessionCountField,
  }),
  z.strictObject({ kind: z.literal('post-sync'), syncIndex: syncIndexField, sessions: sessionCountField }),
  z.strictObject({ kind: z.literal('fail'), syncIndex: syncIndexField }),
  z.strictObject({ kind: z.literal('legacy'), sessions: sessionCountField }),
]);

const whileConsumingSchema: z.ZodType<WhileConsuming> = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('nothing') }),
  z.strictObject({ op: z.literal('push'), request: requestShapeSchema }),
  z.strictObject({ op: z.literal('drop'), syncIndex: syncIndexField }),
  z.strictObject({ op: z.literal('stop') }),
]);

/**
 * What the consumer does inside a run, with stops and drops `disruptions` times as likely
 * as a restart: at 0 neither happens.
 */
function whileConsumingArbitrary(disruptions: number): fc.Arbitrary<WhileConsuming> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant({ op: 'nothing' } as const) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('push'), request: requestShapeArbitrary }) },
    { weight: disruptions, arbitrary: fc.record({ op: fc.constant('drop'), syncIndex }) },
    { weight: disruptions, arbitrary: fc.constant({ op: 'stop' } as const) },
  );
}

function describeShape(shape: RequestShape): string {
  switch (shape.kind) {
    case 'chunk':
      return `chunk ${shape.sequence}${shape.isLast ? ' (last)' : ''} of sync #${shape.syncIndex}, ${shape.sessions} session(s)`;
    case 'post-sync':
      return `post-sync of sync #${shape.syncIndex}, ${shape.sessions} session(s)`;
    case 'fail':
      return `failure of sync #${shape.syncIndex}`;
    case 'legacy':
      return `legacy batch, ${shape.sessions} session(s)`;
  }
}

function describeNested(nested: WhileConsuming): string {
  switch (nested.op) {
    case 'nothing':
      return '';
    case 'push':
      return `, pushing a ${describeShape(nested.request)} while consuming`;
    case 'drop':
      return `, dropping sync #${nested.syncIndex}'s post-sync data while consuming`;
    case 'stop':
      return ', stopping while consuming';
  }
}

const push = stepKind({
  op: 'push',
  fields: { request: requestShapeSchema },
  generate: fc.record({ request: requestShapeArbitrary }),
  // Pushes a little likelier than runs, so requests wait while others are consumed.
  weight: 11,
  describe: (step) => `push ${describeShape(step.request)}`,
  apply: (step, scenario: QueueScenario) => {
    scenario.push(step.request);
    scenario.noteCompaction();
    return `${scenario.queue.length()} waiting`;
  },
});

const run = stepKind({
  op: 'run',
  fields: { whileConsuming: whileConsumingSchema },
  generate: fc.record({ whileConsuming: whileConsumingArbitrary(1) }),
  weight: 10,
  describe: (step) => `run the next task${describeNested(step.whileConsuming)}`,
  apply: (step, scenario: QueueScenario) => {
    const { model, runtime } = scenario;
    if (model.consumerPending) {
      scenario.expectedTasksRun = 1;
      const next = model.takeNext();
      if (next !== undefined) {
        scenario.expectedConsumed.push(next);
        scenario.whileConsuming = step.whileConsuming;
      }
      scenario.tasksRun = runtime.runRunnable({ maxSteps: 1 });
      scenario.whileConsuming = { op: 'nothing' };
      if (next !== undefined) model.afterConsuming();
    } else {
      scenario.tasksRun = runtime.runRunnable({ maxSteps: 1 });
    }
    scenario.noteCompaction();
    return `${scenario.tasksRun} task(s) ran, ${scenario.consumed.length} request(s) consumed`;
  },
});

const stop = stepKind({
  op: 'stop',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'stop',
  apply: (_step, scenario: QueueScenario) => {
    scenario.stop();
    scenario.noteCompaction();
    return 'stopped';
  },
});

const restart = stepKind({
  op: 'restart',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'restart',
  apply: (_step, scenario: QueueScenario) => {
    scenario.model.restart();
    scenario.queue.restart();
    scenario.noteCompaction();
    return `restarted, ${scenario.queue.length()} waiting`;
  },
});

const drop = stepKind({
  op: 'drop',
  fields: { syncIndex: syncIndexField },
  generate: fc.record({ syncIndex }),
  weight: 1,
  describe: (step) => `drop sync #${step.syncIndex}'s post-sync data`,
  apply: (step, scenario: QueueScenario) => {
    scenario.drop(step.syncIndex);
    scenario.noteCompaction();
    return `${scenario.queue.length()} waiting`;
  },
});

const QUEUE_STEP_KINDS = [push, run, stop, restart, drop] as const;

export type QueueStep = StepOf<(typeof QUEUE_STEP_KINDS)[number]>;

export const QUEUE_STEPS = new StepTable<QueueStep, QueueScenario>(QUEUE_STEP_KINDS);

export const MAX_QUEUE_STEPS = 1_000;

/** Steps with stops and drops `disruptions` times as likely as a restart. */
function queueStepArbitrary(disruptions: number): fc.Arbitrary<QueueStep> {
  return fc.oneof(
    { weight: push.weight, arbitrary: push.arbitrary },
    {
      weight: run.weight,
      arbitrary: whileConsumingArbitrary(disruptions).map((whileConsuming) => ({ op: 'run' as const, whileConsuming })),
    },
    { weight: disruptions, arbitrary: stop.arbitrary },
    { weight: restart.weight, arbitrary: restart.arbitrary },
    { weight: disruptions, arbitrary: drop.arbitrary },
  );
}

/**
 * Half the cases with stops and drops; half without, and long, so that a case consumes
 * past COMPACTION_HEAD and compacts while requests wait.
 */
export const queueStepsArbitrary: fc.Arbitrary<QueueStep[]> = fc.oneof(
  fc.array(queueStepArbitrary(1), { maxLength: 120, size: 'max' }),
  fc.array(queueStepArbitrary(0), { maxLength: 5 * COMPACTION_HEAD, size: 'max' }),
);
