import { defineInvariant } from '../../engine/Invariant.js';
import { closeChannel } from '../peerActions.js';
import type { RouterScenario } from '../RouterScenario.js';
import { collectionSizes, grewEveryTime } from './observers/collectionSizes.js';

/** How often the workload runs after quiescence: a collection that grows on every run grows per sync. */
export const FOOTPRINT_REPEATS = 4;

/**
 * The workloads that end where they began, the live set unchanged, each repeated on its own:
 * a collection that grows on every repeat grows per sync, or per session added and ended.
 */
const WORKLOADS: ReadonlyArray<{
  readonly name: string;
  readonly run: (scenario: RouterScenario, round: number) => boolean;
}> = [
  {
    // A full sync the controller starts, or a close and the reconnect (and its sync) the drain makes.
    name: 'syncs',
    run(scenario, round) {
      const { channel, controller } = scenario.system;
      if (round % 2 === 0) controller.startFullSync('footprint: the same sync again');
      else closeChannel(channel, controller);
      return scenario.drain();
    },
  },
  {
    // A session added and ended between syncs: what the router keeps of it must go with it
    // (the #2669 leak kept every such add in a finished tracker's post-sync slot).
    name: 'sessions added and ended',
    run(scenario) {
      const { controller } = scenario.system;
      const session = controller.createSession();
      if (!scenario.drain()) return false;
      controller.endSession(session.token);
      return scenario.drain();
    },
  },
];

/** The collections that grew on every repeat of `workload`; undefined when a repeat did not settle. */
function grownBy(
  scenario: RouterScenario,
  workload: (typeof WORKLOADS)[number],
): Array<[string, number[]]> | undefined {
  const { router } = scenario.system;
  const series = [collectionSizes(router, 'Router')];
  for (let round = 0; round < FOOTPRINT_REPEATS; round++) {
    if (!workload.run(scenario, round)) return undefined;
    series.push(collectionSizes(router, 'Router'));
  }
  return grewEveryTime(series);
}

export const footprint = defineInvariant<RouterScenario>({
  name: 'footprint',
  promise:
    'once quiet, syncing again and again, or adding and ending a session again and again, with the live set unchanged grows nothing the router keeps: no map, set, array or record reachable from it gains entries per round (a weakly held entry counts while the router still holds its target)',
  atQuiescence(scenario, reachedQuiescence) {
    // Without quiescence there is no state to return to; `progress` judges that.
    if (!reachedQuiescence) return undefined;
    for (const workload of WORKLOADS) {
      const grown = grownBy(scenario, workload);
      // The workload did not settle: `progress` judges that, and there is no state to compare.
      if (grown === undefined) return undefined;
      if (grown.length === 0) continue;
      const named = grown.slice(0, 3).map(([path, sizes]) => `${path} (${sizes.join(' → ')})`);
      return `over ${FOOTPRINT_REPEATS} rounds of ${workload.name} with the live set unchanged, ${grown.length} collection(s) the router keeps grew every time: ${named.join('; ')}${grown.length > 3 ? '; …' : ''}`;
    }
    return undefined;
  },
});
