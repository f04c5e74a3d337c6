import { ContentType, SyncStateHeader } from '../../../session/messages.js';
import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/**
 * Stalls, in words: a chunk of a restarted controller's sync reached the router while it
 * still held, collecting, a tracker of a sync from before the restart that sorts above it.
 */
function watchStalls(scenario: RouterScenario): readonly string[] {
  const stalls: string[] = [];
  const { router, controller } = scenario.system;
  scenario.onDelivery(({ message, adversarial, injected }) => {
    if (adversarial || injected !== undefined || message.contentType !== ContentType.ApiSessionAdded) return;
    if ((message.body as { isFullState?: unknown }).isFullState !== true) return;
    const { id, sequence } = JSON.parse(message.headers[SyncStateHeader] ?? '{}') as { id?: string; sequence?: number };
    const held = router.heldTracker();
    if (id === undefined || held === undefined || held.state !== 'collecting' || held.syncId <= id) return;
    const chunkLife = controller.lifeOf(id);
    const heldLife = controller.lifeOf(held.syncId);
    if (chunkLife === undefined || heldLife === undefined || heldLife >= chunkLife) return;
    stalls.push(
      `chunk ${sequence} of ${id} (after restart ${chunkLife}) reached the router at t=${scenario.runtime.now()} ms while it still collected ${held.syncId} from before the restart, which sorts above it: the new sync waits for that tracker's deadline`,
    );
  });
  return stalls;
}

/**
 * A restarted controller's sync ids may sort below the last ones (they start over, or its
 * clock stepped back). A router still holding a tracker of the old controller's sync would
 * ignore every chunk of the new one as older, and wait out that tracker's deadline.
 */
export const unstalled = defineInvariant<RouterScenario, readonly string[]>({
  name: 'unstalled',
  promise:
    'after a controller restart, no sync of the restarted controller waits for a deadline because its id sorts below a tracker the router kept from before',
  watch: watchStalls,
  afterStep(_scenario, stalls) {
    return stalls[0];
  },
});
