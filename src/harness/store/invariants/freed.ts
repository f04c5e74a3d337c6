import { HarnessError } from '../../../errors.js';
import { collectGarbage } from '../../engine/collectGarbage.js';
import { defineInvariant } from '../../engine/Invariant.js';
import { SURVIVAL_ROUNDS } from '../../engine/lifecycle/LifecycleWatcher.js';
import type { StoreModelScenario } from '../StoreModelScenario.js';

/**
 * `freed` has no way to see what a store holds: no verdict on the store, and the message
 * names the export that would give it one. The property check ends inconclusive (exit 2).
 */
export class CannotJudgeError extends HarnessError {
  constructor(readonly storeLabel: string) {
    super(
      'inconclusive',
      `freed cannot judge ${storeLabel}: it offers no way to see which sessions it still holds. ` +
        'Export retainedSessionIds(store), returning the ids it holds read without its own expiry logic, ' +
        'or export keepsSessionObjects = true if it keeps the very objects set() hands it',
    );
    this.name = 'CannotJudgeError';
  }
}

function describeWait(scenario: StoreModelScenario): string {
  const { promise } = scenario.store;
  return promise.forgetsWithinMs === undefined
    ? `${scenario.promiseMs() / 3_600_000} h after the steps, though it promises to forget nothing by itself (${promise.how})`
    : `${promise.forgetsWithinMs} ms after the steps, its promise (${promise.how})`;
}

export const freed = defineInvariant<StoreModelScenario>({
  name: 'freed',
  promise: "every destroyed or expired session is gone from the store within the store's own promise",
  watchesLifecycle: true,
  async atQuiescence(scenario) {
    const message = await deadSessionKept(scenario);
    return message === undefined ? undefined : scenario.noted(message);
  },
});

async function deadSessionKept(scenario: StoreModelScenario): Promise<string | undefined> {
  const { store } = scenario;
  const dead = scenario.scenario.deadAfterSteps();
  const label = `${store.name} (${store.packageName} ${store.version})`;
  if (!store.hasProbe && !store.keepsSessionObjects) throw new CannotJudgeError(label);
  if (store.hasProbe) {
    const retained = new Set(await store.retainedSessionIds());
    const kept = [...dead].filter(([sid]) => retained.has(sid));
    if (kept.length > 0) {
      const list = kept.map(([sid, why]) => `${sid} (${why})`).join(', ');
      return `${label} still holds ${kept.length} dead session(s) ${describeWait(scenario)}: ${list}`;
    }
  }
  // Heap level, where the store keeps the objects it is handed. A store that keeps a
  // serialized copy (JSON in a map, a Redis key) never holds what we handed it, and a
  // WeakRef cannot point at the string it made, so for those only the probe can tell.
  if (store.keepsSessionObjects) {
    const alive = await survivingObjects(scenario, [...dead.keys()]);
    if (alive.length > 0) {
      return `${label}: the session objects of ${alive.length} dead session(s) survived ${SURVIVAL_ROUNDS} full collections ${describeWait(scenario)}: ${alive.join(', ')}`;
    }
  }
  return undefined;
}

/**
 * Ids whose objects survive every one of `SURVIVAL_ROUNDS` full collections, each after a
 * turn of the event loop: as in the lifecycle watcher, one collection in a busy test
 * process was seen to leave a dead object behind once, and a replay then found nothing.
 */
async function survivingObjects(scenario: StoreModelScenario, sids: readonly string[]): Promise<string[]> {
  let alive: string[] = [];
  for (let round = 0; round < SURVIVAL_ROUNDS; round++) {
    await collectGarbage();
    alive = scenario.scenario.objectsStillAlive(sids);
    if (alive.length === 0) return [];
  }
  return alive;
}
