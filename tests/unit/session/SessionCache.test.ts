import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runsFromEnvironment, seedFromEnvironment } from '../../../src/harness/index.js';
import type { ApiSession } from '../../../src/session/messages.js';
import { SessionCache } from '../../../src/session/SessionCache.js';

/** Few tokens, many steps: tokens come and go often enough to fill, grow and compact the slots. */
const TOKENS = 40;

type Step =
  | { readonly kind: 'put'; readonly token: number; readonly version: number }
  | { readonly kind: 'delete'; readonly token: number }
  | { readonly kind: 'sync'; readonly listed: readonly number[]; readonly putDuring: readonly number[] };

const token = fc.nat(TOKENS - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('put' as const), token, version: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), token }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      listed: fc.array(token, { maxLength: TOKENS }),
      putDuring: fc.array(token, { maxLength: 12 }),
    }),
  },
);

function sessionOf(n: number, version: number): ApiSession {
  return { id: `id-${n}`, token: `tok-${n}`, identityId: `v${version}`, certFingerprints: [] };
}

/**
 * The cache against a Map, the structure it stands in for: the same answers, the same
 * order of iteration, and a sweep that visits, in Map order, exactly the unlisted sessions
 * that were cached when it started, each removed by its visitor.
 */
function replay(steps: readonly Step[]): void {
  const cache = new SessionCache();
  const model = new Map<string, ApiSession>();
  for (const s of steps) {
    if (s.kind === 'put') {
      const session = sessionOf(s.token, s.version);
      expect(cache.put(session)).toBe(model.get(session.token));
      model.set(session.token, session);
    } else if (s.kind === 'delete') {
      const name = `tok-${s.token}`;
      expect(cache.delete(name)).toBe(model.get(name));
      model.delete(name);
    } else {
      // The listed sessions are the cached objects where there are some, else new ones, so both of mark's ways are taken.
      const listed = s.listed.map((n) => model.get(`tok-${n}`) ?? sessionOf(n, 9));
      const listedTokens = new Set(listed.map((session) => session.token));
      const expected = [...model.values()].filter((session) => !listedTokens.has(session.token));
      const visited: ApiSession[] = [];
      const putDuring = s.putDuring.map((n) => sessionOf(n + TOKENS, 0));
      cache.sweep(cache.mark(listed), (session, slot) => {
        visited.push(session);
        expect(cache.deleteSwept(slot)).toBe(session);
        model.delete(session.token);
        const extra = putDuring.pop();
        if (extra !== undefined && !model.has(extra.token)) {
          cache.put(extra);
          model.set(extra.token, extra);
        }
      });
      expect(visited).toEqual(expected);
    }
    expect(cache.size).toBe(model.size);
    expect(cache.values()).toEqual([...model.values()]);
  }
  for (let n = 0; n < 2 * TOKENS; n++) expect(cache.get(`tok-${n}`)).toBe(model.get(`tok-${n}`));
}

describe('SessionCache', () => {
  it('answers as a Map would through puts, deletes and syncs, in the same order', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 300 }), (steps) => replay(steps)),
      { seed: seedFromEnvironment(), numRuns: runsFromEnvironment() },
    );
  });

  it('keeps first-cached order across a compaction, and finds every token after it', () => {
    const cache = new SessionCache();
    for (let n = 0; n < 16; n++) cache.put(sessionOf(n, 0));
    for (let n = 0; n < 16; n += 2) cache.delete(`tok-${n}`);
    // The slots are full and half are gaps: this put closes them.
    cache.put(sessionOf(100, 0));
    cache.put(sessionOf(3, 1));
    expect(cache.values().map((session) => session.token)).toEqual([
      ...[1, 3, 5, 7, 9, 11, 13, 15].map((n) => `tok-${n}`),
      'tok-100',
    ]);
    expect(cache.get('tok-3')?.identityId).toBe('v1');
    expect(cache.get('tok-2')).toBeUndefined();
    expect(cache.size).toBe(9);
  });

  it('tells apart two tokens whose hashes are equal', () => {
    // Found by search: the same 32-bit hash, so only comparing the tokens tells them apart.
    const first = { id: 'id-a', token: 'tok-1549599', identityId: 'a', certFingerprints: [] };
    const second = { id: 'id-b', token: 'tok-1712382', identityId: 'b', certFingerprints: [] };
    const cache = new SessionCache();
    cache.put(first);
    expect(cache.get(second.token)).toBeUndefined();
    expect(cache.put(second)).toBeUndefined();
    expect(cache.get(first.token)).toBe(first);
    expect(cache.get(second.token)).toBe(second);
    expect(cache.delete(first.token)).toBe(first);
    expect(cache.get(second.token)).toBe(second);
  });

  it('moves no slot while a sweep runs, though its visitor fills the slots half with gaps', () => {
    const cache = new SessionCache();
    const all = Array.from({ length: 16 }, (_, n) => sessionOf(n, 0));
    for (const session of all) cache.put(session);
    const visited: ApiSession[] = [];
    cache.sweep(cache.mark([]), (session, slot) => {
      visited.push(session);
      cache.deleteSwept(slot);
      // Half the slots are gaps and all are taken: outside a sweep, this put would compact.
      if (visited.length === 8) cache.put(sessionOf(100, 0));
    });
    expect(visited).toEqual(all);
    expect(cache.values().map((session) => session.token)).toEqual(['tok-100']);
  });

  it('removes the unlisted third of a large cache and still finds the rest', () => {
    const cache = new SessionCache();
    const all = Array.from({ length: 30_000 }, (_, n) => sessionOf(n, 0));
    for (const session of all) cache.put(session);
    const listed = all.filter((_, n) => n % 3 !== 0);
    const stamp = cache.mark(listed);
    let removed = 0;
    cache.sweep(stamp, (_session, slot) => {
      cache.deleteSwept(slot);
      removed++;
    });
    expect(removed).toBe(10_000);
    expect(cache.size).toBe(20_000);
    expect(cache.get('tok-3')).toBeUndefined();
    expect(cache.get('tok-4')).toBe(all[4]);
  });
});
