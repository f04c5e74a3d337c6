import type { RouterEvent } from '../../../session/RouterEvents.js';
import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

type ChunkJudged = Extract<RouterEvent, { type: 'chunk-judged' }>;

/**
 * What a chunk must be judged, where the model knows: anything of an older or ended sync is
 * stale, anything of a newer one opens it; the controller's own chunk is the next of the
 * current sync while nothing adversarial came before it; with nothing adversarial before,
 * a replay of the current sync is a duplicate, and a chunk numbered past its last one is
 * past its last (or a second last) once the real last chunk is in, and otherwise cannot
 * be told from a next chunk yet. Undefined where it depends on what came before.
 */
function expectedVerdict(
  scenario: RouterScenario,
  event: ChunkJudged,
  kind: string | undefined,
): ChunkJudged['verdict'] | undefined {
  if (event.relation === 'older' || event.relation === 'closed') return 'stale';
  if (event.relation === 'newer') return 'first';
  if (scenario.adversarialCameBefore()) return undefined;
  switch (kind) {
    case undefined:
      return 'next';
    case 'duplicate-chunk':
    case 'late-chunk':
      return 'duplicate';
    case 'chunk-past-last':
      return scenario.lastChunkDelivered(event.syncId) ? 'past-last' : 'next';
    case 'second-last-chunk':
      return scenario.lastChunkDelivered(event.syncId) ? 'second-last' : 'next';
    default:
      return undefined;
  }
}

/** Full-state chunks the router judged other than what the model knows they are. */
function watchMisjudged(scenario: RouterScenario): readonly string[] {
  const misjudged: string[] = [];
  const { router } = scenario.system;
  router.events.subscribe((event) => {
    if (event.type !== 'chunk-judged' || router.faults.messagesHandledOutOfOrder) return;
    const kind = scenario.deliveringKind();
    const expected = expectedVerdict(scenario, event, kind);
    if (expected !== undefined && expected !== event.verdict) {
      misjudged.push(
        `a ${kind ?? 'controller'} chunk of ${event.syncId} (${event.relation} to the gate) was judged ${event.verdict}, not ${expected} (entry ${scenario.currentEntry()})`,
      );
    }
  });
  return misjudged;
}

export const sorted = defineInvariant<RouterScenario, readonly string[]>({
  name: 'sorted',
  promise:
    "every full-state chunk is judged what it is: a newer sync's first chunk, the current one's next, a replay, one past the last or a second last, or stale",
  watch: watchMisjudged,
  afterStep(_scenario, misjudged) {
    return misjudged[0];
  },
});
