import { describe, expect, test } from 'vitest';
import { ROUTER_INVARIANTS, RouterScenario } from '../../../../src/harness/index.js';
import type { ApiSession } from '../../../../src/session/messages.js';

const params = { chunkSize: 2, initialSessions: 3, tickIntervalMs: 1_000, deadlineMs: 20_000 };

/** The cache under the state manager, changed here without its change events: what a router that keeps a change to itself does. */
interface UnheardCache {
  put(session: ApiSession): unknown;
  delete(token: string): unknown;
  get(token: string): ApiSession | undefined;
}

function drainedWithAnnounced(): {
  scenario: RouterScenario;
  afterStep: () => string | undefined;
  cache: UnheardCache;
} {
  const scenario = new RouterScenario(params, 'fixed');
  const judge = ROUTER_INVARIANTS.announced.begin(scenario);
  expect(scenario.drain()).toBe(true);
  const cache = (scenario.system.router.state as unknown as { sessions: UnheardCache }).sessions;
  return { scenario, afterStep: () => judge.afterStep?.(), cache };
}

function cached(cache: UnheardCache, token: string): ApiSession {
  const session = cache.get(token);
  if (session === undefined) throw new Error(`${token} is not cached`);
  return session;
}

describe('announced compares the cache with its change events after every action', () => {
  test('the cache as announced passes', () => {
    const { afterStep } = drainedWithAnnounced();
    expect(afterStep()).toBeUndefined();
  });

  test('a session cached without a change event is reported', () => {
    const { afterStep, cache } = drainedWithAnnounced();
    cache.put({ ...cached(cache, 'token-1'), token: 'token-unheard' });
    expect(afterStep()).toMatch(/^the cache holds 4 session\(s\), its change events 3: not announced token-unheard/);
  });

  test('a session gone without a change event is reported', () => {
    const { afterStep, cache } = drainedWithAnnounced();
    cache.delete('token-2');
    expect(afterStep()).toMatch(
      /^the cache holds 2 session\(s\), its change events 3: announced but not cached token-2/,
    );
  });

  test('one session swapped for another, the count unchanged, is reported with both', () => {
    const { afterStep, cache } = drainedWithAnnounced();
    const session = cached(cache, 'token-1');
    cache.delete('token-1');
    cache.put({ ...session, token: 'token-swapped' });
    expect(afterStep()).toMatch(
      /^the cache holds 3 session\(s\), its change events 3: not announced token-swapped; announced but not cached token-1/,
    );
  });
});
