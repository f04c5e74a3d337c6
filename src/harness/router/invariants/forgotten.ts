import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/**
 * Sessions kept, in words: once a sync of a restarted controller is applied, a session the
 * restart lost (its removal never sent) is still cached.
 */
function watchKept(scenario: RouterScenario): readonly string[] {
  const kept: string[] = [];
  const { router, controller } = scenario.system;
  router.events.subscribe((event) => {
    if (event.type !== 'sync-applied') return;
    const life = controller.lifeOf(event.syncId);
    if (life === undefined || life === 0) return;
    for (const lost of controller.sessionsLostInRestarts()) {
      if (lost.life > life || router.state.getApiSession(lost.session.token) === undefined) continue;
      kept.push(
        `${lost.session.token} (${lost.session.id}), which the controller no longer had after restart ${lost.life}, is still cached after ${event.syncId} of the restarted controller was applied at t=${scenario.runtime.now()} ms`,
      );
    }
  });
  return kept;
}

/**
 * A restarted controller comes back with what its database kept; a session it lost is
 * never removed by message, so the first full sync of the new controller must remove it.
 */
export const forgotten = defineInvariant<RouterScenario, readonly string[]>({
  name: 'forgotten',
  promise:
    'no session of the old controller that the restarted one no longer has is kept once a sync of the restarted one is applied',
  watch: watchKept,
  afterStep(_scenario, kept) {
    return kept[0];
  },
});
