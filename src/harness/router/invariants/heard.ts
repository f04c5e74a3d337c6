import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/** How the receive loop labels a chunk it drops as older than its tracker (`SyncReceiveLoop.handleChunk`). */
const IGNORED_AS_OLDER = /^chunk \d+ of (\S+), ignored \(older sync\)$/;
const IGNORED_SUFFIX = ', ignored (older sync)';

/**
 * Syncs ignored, in words: a chunk of the controller's newest sync, sent after a restart,
 * judged older than one the router knows, by the gate or by the receive loop.
 */
function watchIgnored(scenario: RouterScenario): readonly string[] {
  const ignored: string[] = [];
  const { router, controller } = scenario.system;
  const newestAfterRestart = (syncId: string): boolean =>
    controller.syncHistory().at(-1)?.syncId === syncId && (controller.lifeOf(syncId) ?? 0) > 0;
  router.events.subscribe((event) => {
    // Forged chunks may name a sync newer than any the controller began: ignoring its own is then right.
    if (scenario.adversarialOnThisConnection()) return;
    let syncId: string | undefined;
    if (event.type === 'chunk-judged' && event.verdict === 'stale' && event.relation === 'older') {
      syncId = event.syncId;
    } else if (event.type === 'ended' && event.kind === 'chunk' && event.label.endsWith(IGNORED_SUFFIX)) {
      // Every chunk's end passes here: the suffix spares the pattern the chunks that were not ignored.
      syncId = IGNORED_AS_OLDER.exec(event.label)?.[1];
    }
    if (syncId === undefined || !newestAfterRestart(syncId)) return;
    ignored.push(
      `a chunk of ${syncId}, the restarted controller's newest sync, was ignored as older at t=${scenario.runtime.now()} ms (entry ${scenario.currentEntry()})`,
    );
  });
  return ignored;
}

/**
 * What the router knew of the old controller's sync ids says nothing of the new one's: a
 * chunk of the newest sync the restarted controller sent is never ignored as older.
 */
export const heard = defineInvariant<RouterScenario, readonly string[]>({
  name: 'heard',
  promise:
    'no sync of a restarted controller is ignored: no chunk of its newest sync is judged older than one the router knew from before',
  watch: watchIgnored,
  afterStep(_scenario, ignored) {
    return ignored[0];
  },
});
