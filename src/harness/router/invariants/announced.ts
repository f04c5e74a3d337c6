import { ContentType } from '../../../session/messages.js';
import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';
import { AnnouncementShadow } from './observers/AnnouncementShadow.js';

export function watchAnnouncements(scenario: RouterScenario): AnnouncementShadow {
  const { router } = scenario.system;
  const shadow = new AnnouncementShadow({
    router,
    currentEntry: () => scenario.currentEntry(),
    closes: () => scenario.closes(),
    timers: () => scenario.runtime.timerCounts(),
    adversarialDelivered: () => scenario.adversarialOnThisConnection(),
    chunksOf: (syncId) => scenario.chunksOf(syncId),
  });
  scenario.onActionBegins(() => shadow.actionBegins());
  scenario.onDelivery(({ message, adversarial, injected }) => {
    // Only the controller's own messages are read: an adversarial one may not even be an object.
    if (adversarial || injected !== undefined) return;
    const liveAdd =
      message.contentType === ContentType.ApiSessionAdded &&
      (message.body as { isFullState?: unknown }).isFullState === false;
    if (liveAdd) shadow.liveAddDelivered();
  });
  return shadow;
}

export const announced = defineInvariant<RouterScenario, AnnouncementShadow>({
  name: 'announced',
  promise:
    "what the router tells observers is what it did: every cache change, sync flag, tracker held or released and close is announced, every session that leaves the cache, and every timer, tracker, chunk and post-sync batch, is announced ended once, each actor's standing is its own, and each listener on a session's removal is told once and then let go",
  watch: watchAnnouncements,
  afterStep(scenario, shadow) {
    return shadow.afterAction() ?? scenario.removalListeners.check();
  },
  atQuiescence(_scenario, reachedQuiescence, shadow) {
    return reachedQuiescence ? shadow.atQuiescence() : undefined;
  },
});
