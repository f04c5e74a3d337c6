import { isDeepStrictEqual } from 'node:util';
import { Controller, type SyncRecord } from '../../../session/Controller.js';
import type { ApiSessionAddedBody, WireMessage } from '../../../session/messages.js';
import { defineInvariant } from '../../engine/Invariant.js';
import { firstDifference, shown } from '../differences.js';
import { recordOf } from './ControllerModel.js';
import type { ControllerScenario } from './ControllerScenario.js';
import { isFullSyncChunk, syncStateOf } from './fullSyncChunks.js';

/** What the controller sent during the step and what it holds and counts, against the model. */
function stepDifference(scenario: ControllerScenario): string | undefined {
  const { controller, model, runtime } = scenario;
  if (!isDeepStrictEqual(scenario.sent, model.expectedSent)) {
    return `the controller sent ${shown(scenario.sent)}; the model says ${shown(model.expectedSent)}`;
  }
  return firstDifference(
    'the controller',
    {
      streaming: controller.isStreaming(),
      liveCount: controller.liveSessionCount(),
      live: controller.liveSessions(),
      history: controller.syncHistory(),
      syncsBegun: controller.fullSyncsBegun(),
      resyncRequests: controller.resyncRequestsReceived(),
      tasks: runtime.runnableCount(),
    },
    {
      streaming: model.streaming !== undefined,
      liveCount: model.sessions.size,
      live: [...model.sessions.values()],
      history: model.history.slice(-Controller.HISTORY_KEPT).map(recordOf),
      syncsBegun: model.syncsBegun,
      resyncRequests: model.resyncRequests,
      tasks: model.tasks.length,
    },
  );
}

/** Each kept record against the chunks the router side received, without the model. */
function historyDifference(
  history: readonly SyncRecord[],
  received: readonly WireMessage[],
  chunkSize: number,
  faulty: boolean,
): string | undefined {
  const chunks = received.filter(isFullSyncChunk);
  for (const record of history) {
    const own = chunks.filter((m) => syncStateOf(m).id === record.syncId);
    const sequences = own.map((m) => syncStateOf(m).sequence);
    if (!sequences.every((sequence, i) => sequence === i)) {
      return `${record.syncId}'s chunks went out as sequences ${sequences.join(', ')}, not 0 upward`;
    }
    const sessions = own.reduce((sum, m) => sum + (m.body as ApiSessionAddedBody).apiSessions.length, 0);
    const sent = firstDifference(
      `the record of ${record.syncId}`,
      { chunksSent: record.chunksSent, sessionsSent: record.sessionsSent },
      { chunksSent: own.length, sessionsSent: sessions },
    );
    if (sent !== undefined) return sent;
    const unmarked = faulty && (record.snapshotSize ?? 0) % chunkSize === 0;
    const marked = own.filter((m) => syncStateOf(m).isLast);
    const expectedMarked = record.complete && !unmarked ? own.slice(-1) : [];
    if (!isDeepStrictEqual(marked, expectedMarked)) {
      return `${record.syncId} marked ${marked.length} chunk(s) last; its record says ${expectedMarked.length} (its final one)`;
    }
    const expectedChunks = faulty && record.snapshotSize === 0 ? 0 : record.totalChunks;
    if (record.complete && record.chunksSent !== expectedChunks) {
      return `${record.syncId} is complete after ${record.chunksSent} chunk(s) of ${expectedChunks}`;
    }
  }
  return undefined;
}

/**
 * From its start and after every step the controller sends, holds and counts what the
 * model says; at the end, each sync record it kept matches the chunks it sent.
 */
export const controllerModel = defineInvariant<ControllerScenario, { readonly start: string | undefined }>({
  name: 'model',
  promise: 'the controller sends what it is asked to, syncs in chunks from a snapshot, and records each sync as sent',
  watch: (scenario) => ({
    start:
      scenario.controller.chunkSize === scenario.model.chunkSize
        ? undefined
        : `the controller's chunk size is ${scenario.controller.chunkSize}, not ${scenario.model.chunkSize}`,
  }),
  afterStep: (scenario, watch) => watch.start ?? scenario.takeAnswerDifference() ?? stepDifference(scenario),
  atQuiescence: (scenario, _reached, watch) =>
    watch.start ??
    historyDifference(
      scenario.controller.syncHistory(),
      scenario.everSent,
      scenario.model.chunkSize,
      scenario.faults.lastChunkNeverMarked,
    ),
});

export const CONTROLLER_INVARIANTS = { model: controllerModel } as const;
