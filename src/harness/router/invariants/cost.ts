import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';
import { SyncFailures } from './observers/SyncFailures.js';

interface CostWatch {
  readonly failures: SyncFailures;
  /** Sync ids that got a second tracker: a twin that cannot complete. */
  readonly twins: string[];
  resyncsRequested: number;
}

function watchCost(scenario: RouterScenario): CostWatch {
  const watch: CostWatch = { failures: SyncFailures.of(scenario), twins: [], resyncsRequested: 0 };
  const trackersPerSync = new Map<string, number>();
  scenario.system.router.events.subscribe((event) => {
    if (event.type === 'effect' && event.effect === 'resync requested') watch.resyncsRequested++;
    if (event.type !== 'sync-started') return;
    const trackers = (trackersPerSync.get(event.syncId) ?? 0) + 1;
    trackersPerSync.set(event.syncId, trackers);
    if (trackers === 2) watch.twins.push(event.syncId);
  });
  return watch;
}

export const cost = defineInvariant<RouterScenario, CostWatch>({
  name: 'cost',
  promise:
    'the router asks for no more resyncs than it had failures with a cause, and starts one tracker per sync the controller sent',
  watch: watchCost,
  afterStep(scenario, watch) {
    const twin = watch.twins[0];
    if (twin !== undefined) return `sync ${twin} got a second tracker: a twin that can never complete`;
    const caused = watch.failures.withCause();
    if (watch.resyncsRequested > caused) {
      return `${watch.resyncsRequested} resync(s) requested but only ${caused} failure(s) had a cause`;
    }
    const started = scenario.system.router.counts().syncsStarted;
    const sent = scenario.system.controller.fullSyncsBegun();
    if (started > sent) return `${started} syncs started by the router, but the controller began only ${sent}`;
    return undefined;
  },
});
