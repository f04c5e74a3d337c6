import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/** Effects of trackers that were no longer current or collecting, as they happened. */
function watchStaleEffects(scenario: RouterScenario): readonly string[] {
  const staleEffects: string[] = [];
  scenario.system.router.events.subscribe((event) => {
    if (event.type !== 'effect') return;
    const acting = scenario.actingNow();
    if (acting === undefined || (acting.actor.current && acting.actor.collecting)) return;
    const standing = [acting.actor.current ? '' : 'no longer current', acting.actor.collecting ? '' : 'ended']
      .filter((part) => part !== '')
      .join(' and ');
    staleEffects.push(
      `the tracker of ${acting.actor.syncId} (#${acting.actor.serial}), ${standing}, acted on its ${acting.on}: ${event.effect}: ${event.detail} (entry ${scenario.currentEntry()})`,
    );
  });
  return staleEffects;
}

export const inert = defineInvariant<RouterScenario, readonly string[]>({
  name: 'inert',
  promise:
    "a tracker that is no longer the handler's, or has ended, changes nothing: not the cache, the sync flag, the handler's tracker, nor asks for a resync",
  watch: watchStaleEffects,
  afterStep(_scenario, staleEffects) {
    return staleEffects[0];
  },
});
