import { defineInvariant } from '../../engine/Invariant.js';
import { firstDifference } from '../differences.js';
import { TRACKER_SERIAL, TRACKER_SYNC_ID } from './TrackerModel.js';
import type { TrackerScenario } from './TrackerScenario.js';

const byLabel = (a: { label: string }, b: { label: string }): number => a.label.localeCompare(b.label);

/** What a registered, started tracker says before any step. */
function startDifference(scenario: TrackerScenario): string | undefined {
  return firstDifference(
    'the new tracker',
    {
      nextSerial: scenario.registry.nextSerial(),
      startedAt: scenario.tracker.startedAt,
      // The router sets the floor from the first chunk; until then no session is below it.
      removalFloor: scenario.tracker.removalFloor,
    },
    { nextSerial: TRACKER_SERIAL + 1, startedAt: 0, removalFloor: '' },
  );
}

/** Everything the tracker answers, its timers included, against the model. */
function heldDifference(scenario: TrackerScenario): string | undefined {
  const { tracker, model, runtime } = scenario;
  const heldSessions = [...model.chunks.values()].reduce((sum, chunk) => sum + chunk.length, 0);
  return firstDifference(
    'the tracker',
    {
      state: tracker.state,
      endedAt: tracker.endedAt,
      hasLast: tracker.hasLast(),
      hasAll: tracker.hasAll(),
      missing: tracker.missingSequences(),
      firstMissing: tracker.missingSequences(1),
      all: tracker.all(),
      chunkCount: tracker.chunkCount(),
      chunkSessionCount: tracker.chunkSessionCount(),
      postSyncCount: tracker.postSyncCount(),
      timers: runtime
        .pending()
        .filter((work) => work.kind === 'timer')
        .map(({ label, dueAt }) => ({ label, dueAt }))
        .sort(byLabel),
    },
    {
      state: model.state,
      endedAt: model.endedAt,
      hasLast: model.lastSequence >= 0,
      hasAll: model.hasAll(),
      missing: model.missing(5),
      firstMissing: model.missing(1),
      all: model.all(),
      chunkCount: model.chunks.size,
      chunkSessionCount: heldSessions,
      postSyncCount: model.postSync.length,
      timers: model.timers().sort(byLabel),
    },
  );
}

/** What its callbacks were told, what it announced ended, and what the registry lists. */
function toldDifference(scenario: TrackerScenario): string | undefined {
  const { model, registry, tracker } = scenario;
  const told = firstDifference(
    'the tracker',
    { calls: scenario.calls, ended: scenario.ended },
    { calls: model.expectedCalls, ended: model.expectedEnded },
  );
  if (told !== undefined) return told;
  const [info, ...others] = registry.list();
  return firstDifference(
    'the registry',
    { others, size: registry.size(), info },
    {
      others: [],
      size: 1,
      info: {
        serial: TRACKER_SERIAL,
        syncId: TRACKER_SYNC_ID,
        state: model.state,
        startedAt: 0,
        endedAt: model.endedAt,
        chunks: model.chunks.size,
        chunkSessions: tracker.chunkSessionCount(),
        postSyncSessions: model.postSync.length,
      },
    },
  );
}

/** From its start and after every step, the tracker holds, says and announces what its contract says. */
export const trackerModel = defineInvariant<TrackerScenario, { readonly start: string | undefined }>({
  name: 'model',
  promise: 'chunks in any order, timers and stops do what the tracker promises, under each stop fault',
  watch: (scenario) => ({ start: startDifference(scenario) }),
  afterStep: (scenario, watch) =>
    watch.start ?? scenario.takeAnswerDifference() ?? heldDifference(scenario) ?? toldDifference(scenario),
  // A case of no steps is judged on its start alone.
  atQuiescence: (_scenario, _reached, watch) => watch.start,
});

export const TRACKER_INVARIANTS = { model: trackerModel } as const;
