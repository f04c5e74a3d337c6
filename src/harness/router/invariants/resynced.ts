import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/** Failures and resync requests of the action running now, counted from its start. */
interface ActionTally {
  failed: string[];
  resyncs: number;
}

function watchTally(scenario: RouterScenario): ActionTally {
  const tally: ActionTally = { failed: [], resyncs: 0 };
  scenario.onActionBegins(() => {
    // A new list only after a failure: most actions fail nothing, and this runs before each.
    if (tally.failed.length > 0) tally.failed = [];
    tally.resyncs = 0;
  });
  scenario.system.router.events.subscribe((event) => {
    if (event.type === 'sync-failed') tally.failed.push(`${event.syncId} (${event.cause})`);
    if (event.type === 'effect' && event.effect === 'resync requested') tally.resyncs++;
  });
  return tally;
}

export const resynced = defineInvariant<RouterScenario, ActionTally>({
  name: 'resynced',
  promise: 'every failed sync asks for its resync at once, in the same action that failed it',
  watch: watchTally,
  afterStep(scenario, tally) {
    if (tally.failed.length <= tally.resyncs) return undefined;
    return `${tally.failed.length} sync(s) failed in this action (${tally.failed.join(', ')}) but ${tally.resyncs} resync(s) were asked for (entry ${scenario.currentEntry()})`;
  },
});
