import { defineInvariant } from '../../engine/Invariant.js';
import { firstDifference, sameObjects, shown } from '../differences.js';
import type { Ended } from './QueueModel.js';
import { type QueueScenario, UNUSED_SYNC_ID } from './QueueScenario.js';

/** Everything the queue answers, read the same way off the queue and the model. */
function readingsDifference(scenario: QueueScenario): string | undefined {
  const { queue, model, runtime, capacity } = scenario;
  const idsAsked = [...scenario.syncIds, UNUSED_SYNC_ID];
  return firstDifference(
    'the queue',
    {
      length: queue.length(),
      blockedSenders: queue.blockedSenders(),
      highWaterMark: queue.highWaterMark(),
      postSyncSessionsQueued: queue.postSyncSessionsQueued(),
      queuedFailures: idsAsked.map((id) => queue.queuedFailureOf(id)),
      // Tasks pending on the runtime: only the consumer's.
      consumerTasks: runtime.runnableCount(),
      tasksRun: scenario.tasksRun,
    },
    {
      length: model.waiting.length,
      blockedSenders: Math.max(0, model.waiting.length - capacity),
      highWaterMark: model.highWater,
      postSyncSessionsQueued: model.postSyncSessions(),
      queuedFailures: idsAsked.map((id) => model.failureOf(id)),
      consumerTasks: model.consumerPending ? 1 : 0,
      tasksRun: scenario.expectedTasksRun,
    },
  );
}

function sameEnded(a: readonly Ended[], b: readonly Ended[]): boolean {
  return a.length === b.length && a.every((ended, i) => ended.kind === b[i]?.kind && ended.object === b[i]?.object);
}

const kinds = (ended: readonly Ended[]): string[] => ended.map((e) => e.kind);

/**
 * After every step the queue's answers, its consumer tasks, what it handed the consumer
 * (the very request objects pushed) and what it announced ended (the very session
 * arrays) are the plain array's.
 */
export const queueModel = defineInvariant<QueueScenario>({
  name: 'model',
  promise: 'the receive queue consumes, drops, answers and announces as a plain array does',
  afterStep(scenario) {
    const readings = readingsDifference(scenario);
    if (readings !== undefined) return readings;
    if (!sameObjects(scenario.consumed, scenario.expectedConsumed)) {
      return scenario.consumed.length === scenario.expectedConsumed.length
        ? 'the consumer was handed a copy, not the request object pushed'
        : `the consumer was handed ${shown(scenario.consumed)}, the model says ${shown(scenario.expectedConsumed)}`;
    }
    if (!sameEnded(scenario.heard, scenario.expectedEnded)) {
      const heard = kinds(scenario.heard);
      const expected = kinds(scenario.expectedEnded);
      return heard.join() === expected.join()
        ? 'an ended announcement names a copy, not the sessions array pushed'
        : `the observer heard ${shown(heard)} ended, the model says ${shown(expected)}`;
    }
    return undefined;
  },
});

export const QUEUE_INVARIANTS = { model: queueModel } as const;
