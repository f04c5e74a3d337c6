import { defineInvariant } from '../../engine/Invariant.js';
import { firstDifference } from '../differences.js';
import type { LoopScenario } from './LoopScenario.js';

/** The tracker the loop holds and its counters, against the model's. */
function heldDifference(scenario: LoopScenario): string | undefined {
  const { loop, counters, resyncs, model } = scenario;
  const tracker = loop.currentTracker();
  return firstDifference(
    'the loop',
    {
      held: tracker?.syncId,
      collecting: tracker?.state,
      chunks: tracker?.chunkCount(),
      floor: tracker?.removalFloor,
      stale: counters.staleChunksIgnored,
      started: counters.syncsStarted,
      failed: counters.syncsFailed,
      aborted: counters.syncsAborted,
      resyncs: resyncs.length,
    },
    {
      held: model.held?.syncId,
      collecting: model.held === undefined ? undefined : 'collecting',
      chunks: model.held?.chunks.size,
      // No floor came with these first chunks: none, not some text.
      floor: model.held === undefined ? undefined : '',
      stale: model.stale,
      started: model.started,
      failed: model.failed,
      aborted: model.aborted,
      resyncs: model.resyncs,
    },
  );
}

/** What it announced, each tracker's end and release, and every chunk's end, once. */
function announcedDifference(scenario: LoopScenario): string | undefined {
  const { model } = scenario;
  const announced = firstDifference('the loop', { announced: scenario.heard }, { announced: model.announced });
  if (announced !== undefined) return announced;
  const trackers = firstDifference(
    'trackers',
    { ended: scenario.trackersEnded, released: scenario.released },
    { ended: model.trackersEnded, released: model.trackersEnded },
  );
  if (trackers !== undefined) return trackers;
  // Every chunk is announced ended once: at once when ignored, with its tracker otherwise.
  const ended = scenario.endedChunks;
  if (ended.length !== new Set(ended).size) return 'a chunk was announced ended twice';
  const held = model.held?.arrays ?? [];
  const expected = scenario.pushed.filter((chunk) => !held.includes(chunk));
  const endedSet = new Set(ended);
  if (ended.length !== expected.length || !expected.every((chunk) => endedSet.has(chunk))) {
    const index = (chunk: object): number => scenario.pushed.indexOf(chunk);
    return (
      `chunks announced ended: pushes ${ended.map(index).join(', ') || 'none'}; ` +
      `the model says ${expected.map(index).join(', ') || 'none'}`
    );
  }
  return undefined;
}

/** After every request the loop holds, counts and announces what its contract says, each chunk's end once. */
export const loopModel = defineInvariant<LoopScenario>({
  name: 'model',
  promise: 'chunks of older or ended syncs, duplicates, failures of ended syncs and closes do what the loop promises',
  afterStep: (scenario) => heldDifference(scenario) ?? announcedDifference(scenario),
});

export const LOOP_INVARIANTS = { model: loopModel } as const;
