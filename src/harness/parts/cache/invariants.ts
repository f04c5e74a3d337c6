import { defineInvariant } from '../../engine/Invariant.js';
import { firstDifference } from '../differences.js';
import { CACHE_TOKENS, type CacheScenario } from './CacheScenario.js';

/** What the cache holds and answers, read the same way off the cache and off the model. */
function heldDifference(scenario: CacheScenario): string | undefined {
  const { cache, model, listening, flags } = scenario;
  return firstDifference(
    'the cache',
    {
      sessions: cache.allSessions(),
      count: cache.sessionCount(),
      held: CACHE_TOKENS.map((t) => cache.getApiSession(t)),
      largestEver: cache.largestIdEverCached(),
      syncId: cache.syncInProgressId(),
      inProgress: cache.isSyncInProgress(),
      listeners: cache.removedListenerCount(),
      listenerCalls: listening.map((l) => l.calls),
    },
    {
      sessions: [...model.sessions.values()],
      count: model.sessions.size,
      held: CACHE_TOKENS.map((t) => model.sessions.get(t)),
      largestEver: model.largestEver,
      syncId: model.syncId,
      // The historical fault read the flag the wrong way round.
      inProgress: flags.invertedSyncFlag ? model.syncId === '' : model.syncId !== '',
      listeners: listening.filter((l) => l.active).length,
      listenerCalls: listening.map((l) => l.expectedCalls),
    },
  );
}

/** What the cache told its session listeners and the router's observer, each object the very one. */
function toldDifference(scenario: CacheScenario): string | undefined {
  const { sessionEvents, model, events, heard } = scenario;
  const told = firstDifference('session events', { sessionEvents }, { sessionEvents: model.sessionEvents });
  if (told !== undefined) return told;
  for (const [i, event] of sessionEvents.entries()) {
    if (event.session !== model.sessionEvents[i]?.session) return `session event ${i} carries a copy of its session`;
  }
  if (events === undefined) return undefined;
  const announced = firstDifference('router events', { heard }, { heard: model.routerEvents });
  if (announced !== undefined) return announced;
  for (const [i, event] of heard.entries()) {
    const expected = model.routerEvents[i];
    if (event.type === 'ended' && expected?.type === 'ended' && event.object !== expected.object) {
      return `router event ${i} (${event.label}) names a copy of the session that ended`;
    }
  }
  return undefined;
}

/** After every step, the cache holds, answers and has said exactly what the model says, each thing once. */
export const cacheModel = defineInvariant<CacheScenario>({
  name: 'model',
  promise: 'any order of adds, updates, removals, syncs and listeners leaves what the model says, said once',
  afterStep: (scenario) => scenario.takeAnswerDifference() ?? heldDifference(scenario) ?? toldDifference(scenario),
});

export const CACHE_INVARIANTS = { model: cacheModel } as const;
