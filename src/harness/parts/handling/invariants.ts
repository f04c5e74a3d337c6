import { defineInvariant } from '../../engine/Invariant.js';
import { firstDifference } from '../differences.js';
import type { HandlingScenario } from './HandlingScenario.js';

/** After every step the cache, the sync flag and the counts are where the model says. */
export const handlingModel = defineInvariant<HandlingScenario>({
  name: 'model',
  promise:
    'messages handled at once or out of order, before or after their connection closed, change the cache and open syncs as the model says',
  afterStep: (scenario) => {
    const { router, model } = scenario;
    const stats = router.stats();
    return (
      scenario.takeAnswerDifference() ??
      firstDifference(
        'the router',
        {
          cached: router.state.allSessions().map((session) => `${session.token}:${session.id}`),
          syncFlag: router.state.syncInProgressId(),
          stale: stats.staleChunksIgnored,
          received: stats.messagesReceived,
          crashes: stats.handlerCrashes,
        },
        {
          cached: [...model.cache.values()],
          syncFlag: model.syncFlag,
          stale: model.stale,
          received: model.received,
          crashes: 0,
        },
      )
    );
  },
});

export const HANDLING_INVARIANTS = { model: handlingModel } as const;
