import fc from 'fast-check';
import { expect, test } from 'vitest';
import { FAULT_PROFILES, type FaultFlags } from '../src/faults.js';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/engine/budget.js';
import type { ApiSession } from '../src/session/messages.js';
import { type RouterEvent, RouterEvents } from '../src/session/RouterEvents.js';
import { type SessionEvent, StateManager } from '../src/session/StateManager.js';
import { largestId } from '../src/session/SyncReceiveLoop.js';

// The router's cache and sync flag on their own, against a model. The router reaches
// them only with the controller's ids (`as-` and `sync-` and a fixed width) and always
// with an observer; here ids come from a wide alphabet (digits and capitals sort before
// lower case), the flag and removals are driven in any order, and half the cases run with
// no observer at all, as a router built without one does.

const TOKENS = ['t0', 't1', 't2', 't3', 't4'] as const;
const id = fc.string({ unit: fc.constantFrom('0', '7', 'A', 'Z', 'a', 's', 'z', '-'), minLength: 1, maxLength: 3 });

type Operation =
  | { readonly op: 'add' | 'update'; readonly token: string; readonly id: string }
  /** Puts back the very object the cache holds for `token`, if any: no replacement happens. */
  | { readonly op: 'add-same'; readonly token: string }
  | { readonly op: 'remove'; readonly token: string }
  /** `known`: the tokens a sync holds; `beforeId` "" means no bound (every missing one goes). */
  | {
      readonly op: 'remove-missing';
      readonly known: readonly string[];
      readonly beforeId: string;
      readonly boundAtCached: number | undefined;
    }
  | { readonly op: 'mark-in-progress' | 'mark-stopped'; readonly syncId: string }
  | { readonly op: 'listen'; readonly token: string }
  /** Calls the unsubscribe function of the listener at `pick` (modulo how many there were). */
  | { readonly op: 'unlisten'; readonly pick: number }
  | { readonly op: 'unsubscribe-events' };

const token = fc.constantFrom(...TOKENS);
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('add' as const, 'update' as const), token, id }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('add-same' as const), token }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), token }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('remove-missing' as const),
      known: fc.subarray([...TOKENS]),
      beforeId: fc.oneof(fc.constant(''), id),
      /** When set and the cache holds sessions: the bound is the id of one of them, the edge of `<=`. */
      boundAtCached: fc.option(fc.nat({ max: 7 }), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constantFrom('mark-in-progress' as const, 'mark-stopped' as const),
      syncId: fc.oneof(fc.constant(''), fc.constantFrom('sync-1', 'sync-2', 'A')),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('listen' as const), token }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unlisten' as const), pick: fc.nat({ max: 7 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'unsubscribe-events' as const }) },
);

const faults: fc.Arbitrary<FaultFlags> = fc
  .record({ invertedSyncFlag: fc.boolean(), removedSessionsKept: fc.boolean(), removeMissingTripled: fc.boolean() })
  .map((flags) => ({ ...FAULT_PROFILES.fixed, ...flags }));

const cacheCase = fc.record({
  faults,
  observed: fc.boolean(),
  operations: fc.array(operation, { maxLength: 40, size: 'max' }),
});

interface Listening {
  readonly token: string;
  unsubscribe: () => void;
  calls: number;
  expectedCalls: number;
  active: boolean;
}

/** What the cache must hold and say: the contract written plainly. */
class CacheModel {
  readonly sessions = new Map<string, ApiSession>();
  largestEver = '';
  syncId = '';
  readonly sessionEvents: SessionEvent[] = [];
  readonly routerEvents: RouterEvent[] = [];
  sessionEventsHeard = true;

  put(kind: 'added' | 'updated', session: ApiSession): void {
    const before = this.sessions.get(session.token);
    this.sessions.set(session.token, session);
    if (session.id > this.largestEver) this.largestEver = session.id;
    const replaced = before !== undefined && before !== session ? { replaced: before } : {};
    if (this.sessionEventsHeard) this.sessionEvents.push({ kind, session, ...replaced });
    this.routerEvents.push({ type: 'effect', effect: 'cache', detail: `${kind} ${session.token}` });
    if (before !== undefined && before !== session) {
      this.routerEvents.push({
        type: 'ended',
        kind: 'session',
        object: before,
        label: `session ${before.token} (${before.id}), replaced`,
      });
    }
  }

  remove(token: string, listening: readonly Listening[]): void {
    const session = this.sessions.get(token);
    if (session === undefined) return;
    this.sessions.delete(token);
    for (const listener of listening) {
      if (listener.token === token && listener.active) {
        listener.expectedCalls++;
        listener.active = false;
      }
    }
    if (this.sessionEventsHeard) this.sessionEvents.push({ kind: 'removed', session });
    this.routerEvents.push({ type: 'effect', effect: 'cache', detail: `removed ${token}` });
    this.routerEvents.push({
      type: 'ended',
      kind: 'session',
      object: session,
      label: `session ${token} (${session.id}), removed`,
    });
  }

  /** Tokens a sync of `known` removes: not in it, and not newer than `beforeId` when there is one. */
  missing(known: readonly string[], beforeId: string): string[] {
    return [...this.sessions.values()]
      .filter((session) => !known.includes(session.token) && (beforeId === '' || session.id <= beforeId))
      .map((session) => session.token);
  }

  markInProgress(syncId: string): void {
    if (this.syncId === syncId) return;
    this.syncId = syncId;
    this.routerEvents.push({ type: 'effect', effect: 'sync flag', detail: `${syncId} marked in progress` });
  }

  markStopped(syncId: string): void {
    if (syncId === '' || this.syncId !== syncId) return;
    this.syncId = '';
    this.routerEvents.push({ type: 'effect', effect: 'sync flag', detail: `${syncId} marked stopped` });
  }
}

let serial = 0;
function sessionOf(token: string, id: string): ApiSession {
  serial++;
  return { id, token, identityId: `identity-${serial}`, certFingerprints: [`fp-${serial}`] };
}

test('cache: any order of adds, updates, removals, syncs and listeners leaves what the model says, said once', () => {
  fc.assert(
    fc.property(cacheCase, ({ faults: flags, observed, operations }) => {
      const events = observed ? new RouterEvents() : undefined;
      const heard: RouterEvent[] = [];
      events?.subscribe((event) => heard.push(event));
      const cache = new StateManager(flags, events);
      const sessionEvents: SessionEvent[] = [];
      const stopHearing = cache.onEvent((event) => sessionEvents.push(event));
      const model = new CacheModel();
      const listening: Listening[] = [];

      for (const [index, step] of operations.entries()) {
        const where = `step ${index}: ${JSON.stringify(step)}`;
        switch (step.op) {
          case 'add':
          case 'update': {
            const session = sessionOf(step.token, step.id);
            if (step.op === 'add') cache.addApiSession(session);
            else cache.updateApiSession(session);
            model.put(step.op === 'add' ? 'added' : 'updated', session);
            break;
          }
          case 'add-same': {
            const held = model.sessions.get(step.token);
            if (held === undefined) continue;
            cache.addApiSession(held);
            model.put('added', held);
            break;
          }
          case 'remove':
            cache.removeApiSession(step.token);
            model.remove(step.token, listening);
            break;
          case 'remove-missing': {
            const known = step.known.map((t) => model.sessions.get(t) ?? sessionOf(t, 'zzz'));
            const cached = [...model.sessions.values()];
            const atCached = step.boundAtCached === undefined ? undefined : cached[step.boundAtCached % cached.length];
            const beforeId = atCached?.id ?? step.beforeId;
            const doomed = model.missing(step.known, beforeId);
            expect(cache.removeMissingApiSessions(known, beforeId), where).toBe(doomed.length);
            for (const t of doomed) model.remove(t, listening);
            break;
          }
          case 'mark-in-progress':
            cache.markSyncInProgress(step.syncId);
            model.markInProgress(step.syncId);
            break;
          case 'mark-stopped':
            cache.markSyncStopped(step.syncId);
            model.markStopped(step.syncId);
            break;
          case 'listen': {
            const listener: Listening = {
              token: step.token,
              unsubscribe: () => undefined,
              calls: 0,
              expectedCalls: 0,
              active: true,
            };
            listener.unsubscribe = cache.addApiSessionRemovedListener(step.token, () => listener.calls++);
            listening.push(listener);
            break;
          }
          case 'unlisten': {
            const listener = listening[step.pick % Math.max(1, listening.length)];
            if (listener === undefined) continue;
            listener.unsubscribe();
            listener.active = false;
            break;
          }
          case 'unsubscribe-events':
            stopHearing();
            model.sessionEventsHeard = false;
            break;
        }
        expect(
          {
            sessions: cache.allSessions(),
            count: cache.sessionCount(),
            held: TOKENS.map((t) => cache.getApiSession(t)),
            largestEver: cache.largestIdEverCached(),
            syncId: cache.syncInProgressId(),
            inProgress: cache.isSyncInProgress(),
            listeners: cache.removedListenerCount(),
            listenerCalls: listening.map((l) => l.calls),
          },
          where,
        ).toStrictEqual({
          sessions: [...model.sessions.values()],
          count: model.sessions.size,
          held: TOKENS.map((t) => model.sessions.get(t)),
          largestEver: model.largestEver,
          syncId: model.syncId,
          // The historical fault read the flag the wrong way round.
          inProgress: flags.invertedSyncFlag ? model.syncId === '' : model.syncId !== '',
          listeners: listening.filter((l) => l.active).length,
          listenerCalls: listening.map((l) => l.expectedCalls),
        });
        expect(sessionEvents, where).toStrictEqual(model.sessionEvents);
        for (const [i, event] of sessionEvents.entries()) {
          expect(event.session, `${where}: session event ${i}`).toBe(model.sessionEvents[i]?.session);
        }
        if (events !== undefined) {
          expect(heard, where).toEqual(model.routerEvents);
          for (const [i, event] of heard.entries()) {
            const expected = model.routerEvents[i];
            if (event.type === 'ended' && expected?.type === 'ended') expect(event.object, where).toBe(expected.object);
          }
        }
      }
    }),
    { seed: seedFromEnvironment(), numRuns: 3 * runsFromEnvironment() },
  );
});

test('cache: the largest id of a sync is the largest of its ids, "" for none', () => {
  fc.assert(
    fc.property(fc.array(id, { maxLength: 6 }), (ids) => {
      const sessions = ids.map((i, n) => sessionOf(`t${n}`, i));
      const sorted = [...ids].sort();
      expect(largestId(sessions)).toBe(sorted.at(-1) ?? '');
    }),
    { seed: seedFromEnvironment(), numRuns: runsFromEnvironment() },
  );
});
