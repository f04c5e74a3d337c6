import { afterAll, describe, expect, test } from 'vitest';
import type { StoreOp, StoreParams, StoreStep } from '../../src/harness/index.js';
import { stopRedisOnDemand } from '../../src/harness/index.js';
import { redisTest } from './support/redisForTests.js';
import { runStoreSteps } from './support/storeCase.js';

// What the memory stores do around expiry, with fixed steps. Where memorystore differs from
// express-session's MemoryStore the test asserts the difference: these are findings.

function run(store: string, steps: StoreStep[], params: Partial<StoreParams> = {}, concurrency?: 'call-order') {
  return runStoreSteps(store, steps, 'conformance', { ...params, ...(concurrency ? { concurrency } : {}) });
}

afterAll(stopRedisOnDemand);

const set = (sid: number, maxAgeSeconds: number): StoreOp => ({ op: 'set', sid, maxAgeSeconds });
const advance = (seconds: number): StoreStep => ({ op: 'advance', ms: seconds * 1_000 });

describe('at the millisecond a session expires', () => {
  const steps = [set(0, 1), advance(1), { op: 'get', sid: 0 } as const];

  test('express-memory answers nothing (expired when expires <= now)', async () => {
    const outcome = await run('express-memory', steps);
    expect(outcome.results).toEqual(['set sid-0 maxAge 1s: ok', 'clock at t=1s', 'get sid-0: nothing']);
    expect(outcome.violation).toBeUndefined();
  });

  test('finding: memorystore still answers it, counts it and lists it (stale only when now - set > ttl)', async () => {
    expect((await run('memorystore', steps)).violation).toBe(
      'get sid-0 answered version 1 at t=1s, but the session is gone (expired at t=1s)',
    );
    expect((await run('memorystore', [set(0, 1), advance(1), { op: 'length' }])).violation).toBe(
      'length answered 1 at t=1s, but 0 session(s) are live',
    );
    expect((await run('memorystore', [set(0, 1), advance(1), { op: 'all' }])).violation).toBe(
      'all at t=1s answered sid-0 (gone: expired at t=1s)',
    );
  });

  test('finding: a memorystore touch at that millisecond revives the session for a whole new maxAge', async () => {
    const revived = await run('memorystore', [
      set(0, 1),
      advance(1),
      { op: 'touch', sid: 0, maxAgeSeconds: 5 },
      advance(4),
      { op: 'get', sid: 0 },
    ]);
    expect(revived.results.at(-1)).toBe('get sid-0: version 1');
    expect(revived.violation).toBe('get sid-0 answered version 1 at t=5s, but the session is gone (expired at t=1s)');
    const notRevived = await run('express-memory', [
      set(0, 1),
      advance(1),
      { op: 'touch', sid: 0, maxAgeSeconds: 5 },
      advance(4),
      { op: 'get', sid: 0 },
    ]);
    expect(notRevived.violation).toBeUndefined();
  });
});

describe('after expiry, before memorystore prunes (checkPeriod 10 s)', () => {
  const context = { checkPeriodMs: 10_000 };

  test('finding: memorystore length() counts the expired, unpruned session; all() and get() do not show it', async () => {
    const counted = await run('memorystore', [set(0, 1), set(1, 60), advance(2), { op: 'length' }], context);
    expect(counted.results.at(-1)).toBe('length: 2');
    expect(counted.violation).toBe('length answered 2 at t=2s, but 1 session(s) are live (sid-1)');
    const listed = await run(
      'memorystore',
      [set(0, 1), set(1, 60), advance(2), { op: 'all' }, { op: 'length' }],
      context,
    );
    // all() walks the cache and evicts what it finds stale, so length() is right after it.
    expect(listed.results.slice(-2)).toEqual(['all: 1 session(s) (sid-1)', 'length: 1']);
    expect(listed.violation).toBeUndefined();
  });

  test('touch after expiry revives nothing, in either memory store', async () => {
    const steps = [
      set(0, 1),
      advance(2),
      { op: 'touch', sid: 0, maxAgeSeconds: 5 } as const,
      { op: 'get', sid: 0 } as const,
    ];
    for (const store of ['memorystore', 'express-memory']) {
      const outcome = await run(store, steps, context);
      expect(outcome.results.at(-1), store).toBe('get sid-0: nothing');
      expect(outcome.violation, store).toBeUndefined();
    }
  });

  test('express-memory length() and all() drop what they find expired, so they agree with the live set', async () => {
    const outcome = await run('express-memory', [set(0, 1), set(1, 60), advance(2), { op: 'length' }, { op: 'all' }]);
    expect(outcome.results.slice(-2)).toEqual(['length: 1', 'all: 1 session(s) (sid-1)']);
    expect(outcome.violation).toBeUndefined();
  });
});

describe('connect-redis ops called together', () => {
  // clear() lists keys with SCAN and deletes them with a second command, so a set called
  // after clear() but sent before its DEL is deleted: linearizable, not in call order.
  redisTest('finding: a set called right after clear() is lost', async () => {
    const steps: StoreStep[] = [
      set(0, 1),
      { op: 'concurrent', ops: [{ op: 'clear' }, set(0, 1)] },
      { op: 'get', sid: 0 },
    ];
    const strict = await run('connect-redis', steps, {}, 'call-order');
    expect(strict.results.at(-1)).toBe('get sid-0: nothing');
    expect(strict.violation).toBe('get sid-0 answered nothing at t=0s, but version 2 is live until t=1s');
    expect((await run('connect-redis', steps)).violation).toBeUndefined();
  });

  // clear() is not atomic either: its SCAN runs before a set called with it, its DEL after a
  // length() that counted both sessions. No order of the four calls explains the answers:
  // length saw sid-1 live, so a clear after it must delete sid-1, yet sid-1 stays.
  redisTest('finding: a session set during clear() survives it, though a length() in between counted it', async () => {
    const steps: StoreStep[] = [
      set(0, 1),
      {
        op: 'concurrent',
        ops: [{ op: 'clear' }, set(1, 1), { op: 'length' }, { op: 'touch', sid: 0, maxAgeSeconds: 1 }],
      },
      { op: 'length' },
    ];
    const outcome = await run('connect-redis', steps);
    expect(outcome.results.at(-1)).toBe('length: 1');
    expect(outcome.violation).toBe('length answered 1 at t=0s, but 0 session(s) are live');
  });
});
