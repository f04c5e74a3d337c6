import { collectGarbage } from '../../engine/collectGarbage.js';
import { defineInvariant } from '../../engine/Invariant.js';
import { closeChannel } from '../peerActions.js';
import type { RouterScenario } from '../RouterScenario.js';
import { collectionSizes, grewEveryTime } from './observers/collectionSizes.js';

/** How often the workload runs after quiescence: a collection that grows on every run grows per sync. */
export const FOOTPRINT_REPEATS = 4;

/**
 * One workload that ends where it began, the live set unchanged: a full sync the
 * controller starts, or a close and the reconnect (and its sync) the drain makes.
 */
function syncAgain(scenario: RouterScenario, round: number): boolean {
  const { channel, controller } = scenario.system;
  if (round % 2 === 0) controller.startFullSync('footprint: the same sync again');
  else closeChannel(channel, controller);
  return scenario.drain();
}

export const footprint = defineInvariant<RouterScenario>({
  name: 'footprint',
  promise:
    'once quiet, syncing again and again with the live set unchanged grows nothing the router keeps: no map, set, array or record reachable from it gains entries per sync (weakly held ones are counted after a collection)',
  async atQuiescence(scenario, reachedQuiescence) {
    // Without quiescence there is no state to return to; `progress` judges that.
    if (!reachedQuiescence) return undefined;
    const { router } = scenario.system;
    const series = [collectionSizes(router, 'Router')];
    for (let round = 0; round < FOOTPRINT_REPEATS; round++) {
      if (!syncAgain(scenario, round)) return undefined;
      series.push(collectionSizes(router, 'Router'));
    }
    let grown = grewEveryTime(series);
    if (grown.length === 0) return undefined;
    // Weakly held entries are pruned by the collector: what grew counts only if it still holds more
    // after one. The repeats' garbage is young, so a scavenge usually settles it; a full collection decides.
    for (const kind of ['young', 'full'] as const) {
      await collectGarbage(kind);
      const collected = collectionSizes(router, 'Router');
      grown = grown.filter(([path, sizes]) => (collected.get(path) ?? 0) > (sizes[0] ?? 0));
      if (grown.length === 0) return undefined;
    }
    const named = grown.slice(0, 3).map(([path, sizes]) => `${path} (${sizes.join(' → ')})`);
    return `over ${FOOTPRINT_REPEATS} syncs with the live set unchanged, ${grown.length} collection(s) the router keeps grew every time: ${named.join('; ')}${grown.length > 3 ? '; …' : ''}`;
  },
});
