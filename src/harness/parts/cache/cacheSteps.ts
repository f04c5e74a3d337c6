import fc from 'fast-check';
import { z } from 'zod';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import type { Listening } from './CacheModel.js';
import { CACHE_TOKENS, type CacheScenario } from './CacheScenario.js';

// Ids from a wide alphabet: digits and capitals sort before lower case. The router only
// ever sends the controller's (`as-` and a fixed width).
export const cacheIdArbitrary = fc.string({
  unit: fc.constantFrom('0', '7', 'A', 'Z', 'a', 's', 'z', '-'),
  minLength: 1,
  maxLength: 3,
});
const idField = z.string().min(1).max(40);
const token = fc.constantFrom(...CACHE_TOKENS);
const tokenField = z.enum(CACHE_TOKENS);
const pickField = z.number().int().min(0).max(1_000);
const syncIdArbitrary = fc.oneof(fc.constant(''), fc.constantFrom('sync-1', 'sync-2', 'A'));
const syncIdField = z.string().max(40);

function put(kind: 'add' | 'update', tokenName: string, id: string, scenario: CacheScenario): string {
  const session = scenario.sessionOf(tokenName, id);
  if (kind === 'add') scenario.cache.addApiSession(session);
  else scenario.cache.updateApiSession(session);
  scenario.model.put(kind === 'add' ? 'added' : 'updated', session);
  return `${kind === 'add' ? 'added' : 'updated'} ${tokenName}`;
}

const add = stepKind({
  op: 'add',
  fields: { token: tokenField, id: idField },
  generate: fc.record({ token, id: cacheIdArbitrary }),
  weight: 2,
  describe: (step) => `add ${step.token} (${step.id})`,
  apply: (step, scenario: CacheScenario) => put('add', step.token, step.id, scenario),
});

const update = stepKind({
  op: 'update',
  fields: { token: tokenField, id: idField },
  generate: fc.record({ token, id: cacheIdArbitrary }),
  weight: 2,
  describe: (step) => `update ${step.token} (${step.id})`,
  apply: (step, scenario: CacheScenario) => put('update', step.token, step.id, scenario),
});

/** Puts back the very object the cache holds for `token`, if any: no replacement happens. */
const addSame = stepKind({
  op: 'add-same',
  fields: { token: tokenField },
  generate: fc.record({ token }),
  weight: 1,
  describe: (step) => `add ${step.token}'s own session again`,
  apply: (step, scenario: CacheScenario) => {
    const held = scenario.model.sessions.get(step.token);
    if (held === undefined) return 'none held';
    scenario.cache.addApiSession(held);
    scenario.model.put('added', held);
    return `added ${step.token} again`;
  },
});

const remove = stepKind({
  op: 'remove',
  fields: { token: tokenField },
  generate: fc.record({ token }),
  weight: 2,
  describe: (step) => `remove ${step.token}`,
  apply: (step, scenario: CacheScenario) => {
    scenario.cache.removeApiSession(step.token);
    scenario.model.remove(step.token, scenario.listening);
    return `removed ${step.token}`;
  },
});

/** `known`: the tokens a sync holds; `beforeId` "" means no bound (every missing one goes). */
const removeMissing = stepKind({
  op: 'remove-missing',
  fields: {
    known: z.array(tokenField).max(CACHE_TOKENS.length),
    beforeId: z.string().max(40),
    /** When set and the cache holds sessions: the bound is the id of one of them, the edge of `<=`. */
    boundAtCached: pickField.optional(),
  },
  generate: fc.record({
    known: fc.subarray([...CACHE_TOKENS]),
    beforeId: fc.oneof(fc.constant(''), cacheIdArbitrary),
    boundAtCached: fc.option(fc.nat({ max: 7 }), { nil: undefined }),
  }),
  weight: 2,
  describe: (step) =>
    `remove all but [${step.known.join(', ')}]` +
    (step.boundAtCached !== undefined ? ` up to cached session #${step.boundAtCached}'s id` : '') +
    (step.beforeId !== '' ? ` (else up to ${JSON.stringify(step.beforeId)})` : ''),
  apply: (step, scenario: CacheScenario) => {
    const { model, cache } = scenario;
    const known = step.known.map((t) => model.sessions.get(t) ?? scenario.sessionOf(t, 'zzz'));
    const cached = [...model.sessions.values()];
    const atCached = step.boundAtCached === undefined ? undefined : cached[step.boundAtCached % cached.length];
    const beforeId = atCached?.id ?? step.beforeId;
    const removed = cache.removeMissingApiSessions(known, beforeId);
    const expected = model.removeMissing(step.known, beforeId, scenario.listening);
    if (removed !== expected) {
      scenario.answerDiffers(`removeMissingApiSessions says it removed ${removed}, the model ${expected}`);
    }
    return `removed ${removed} (bound ${JSON.stringify(beforeId)})`;
  },
});

/**
 * A token removed and cached again `times` times, a fresh session each time: each takes a
 * new slot, so the slots fill up and the cache must make room (close its gaps or grow),
 * sometimes in the middle of a sync when a listener caches a session there.
 */
const churn = stepKind({
  op: 'churn',
  fields: { token: tokenField, id: idField, times: z.number().int().min(0).max(1_000) },
  generate: fc.record({ token, id: cacheIdArbitrary, times: fc.integer({ min: 1, max: 12 }) }),
  weight: 2,
  describe: (step) => `remove ${step.token} and cache it again (${step.id}), ${step.times} times`,
  apply: (step, scenario: CacheScenario) => {
    for (let round = 0; round < step.times; round++) {
      scenario.cache.removeApiSession(step.token);
      scenario.model.remove(step.token, scenario.listening);
      put('add', step.token, step.id, scenario);
    }
    return `${step.times} times`;
  },
});

const markInProgress = stepKind({
  op: 'mark-in-progress',
  fields: { syncId: syncIdField },
  generate: fc.record({ syncId: syncIdArbitrary }),
  weight: 1,
  describe: (step) => `mark ${JSON.stringify(step.syncId)} in progress`,
  apply: (step, scenario: CacheScenario) => {
    scenario.cache.markSyncInProgress(step.syncId);
    scenario.model.markInProgress(step.syncId);
    return `in progress: ${scenario.cache.isSyncInProgress()}`;
  },
});

const markStopped = stepKind({
  op: 'mark-stopped',
  fields: { syncId: syncIdField },
  generate: fc.record({ syncId: syncIdArbitrary }),
  weight: 1,
  describe: (step) => `mark ${JSON.stringify(step.syncId)} stopped`,
  apply: (step, scenario: CacheScenario) => {
    scenario.cache.markSyncStopped(step.syncId);
    scenario.model.markStopped(step.syncId);
    return `in progress: ${scenario.cache.isSyncInProgress()}`;
  },
});

/** A removal listener; with `readd`, one that caches its token again, with that id, when called. */
const listen = stepKind({
  op: 'listen',
  fields: { token: tokenField, readd: idField.optional() },
  generate: fc.record({ token, readd: fc.option(cacheIdArbitrary, { nil: undefined, freq: 2 }) }),
  weight: 3,
  describe: (step) =>
    `listen for ${step.token}'s removal${step.readd === undefined ? '' : `, then cache it again (${step.readd})`}`,
  apply: (step, scenario: CacheScenario) => {
    const readds = step.readd === undefined ? undefined : scenario.sessionOf(step.token, step.readd);
    const listener: Listening = {
      token: step.token,
      unsubscribe: () => undefined,
      calls: 0,
      expectedCalls: 0,
      active: true,
      ...(readds === undefined ? {} : { readds }),
    };
    listener.unsubscribe = scenario.cache.addApiSessionRemovedListener(step.token, () => {
      listener.calls++;
      if (readds !== undefined) scenario.cache.addApiSession(readds);
    });
    scenario.listening.push(listener);
    return `listener #${scenario.listening.length - 1}`;
  },
});

/** Calls the unsubscribe function of the listener at `pick` (modulo how many there were). */
const unlisten = stepKind({
  op: 'unlisten',
  fields: { pick: pickField },
  generate: fc.record({ pick: fc.nat({ max: 7 }) }),
  weight: 1,
  describe: (step) => `unsubscribe listener #${step.pick} (modulo how many)`,
  apply: (step, scenario: CacheScenario) => {
    const index = step.pick % Math.max(1, scenario.listening.length);
    const listener = scenario.listening[index];
    if (listener === undefined) return 'no listener';
    listener.unsubscribe();
    listener.active = false;
    return `unsubscribed #${index}`;
  },
});

const unsubscribeEvents = stepKind({
  op: 'unsubscribe-events',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'stop hearing session events',
  apply: (_step, scenario: CacheScenario) => {
    scenario.stopHearing();
    scenario.model.sessionEventsHeard = false;
    return 'session events no longer heard';
  },
});

const CACHE_STEP_KINDS = [
  add,
  update,
  addSame,
  remove,
  removeMissing,
  churn,
  markInProgress,
  markStopped,
  listen,
  unlisten,
  unsubscribeEvents,
] as const;

export type CacheStep = StepOf<(typeof CACHE_STEP_KINDS)[number]>;

export const CACHE_STEPS = new StepTable<CacheStep, CacheScenario>(CACHE_STEP_KINDS);

export const MAX_CACHE_STEPS = 500;

export const cacheStepsArbitrary: fc.Arbitrary<CacheStep[]> = fc.array(CACHE_STEPS.arbitrary(), {
  maxLength: 40,
  size: 'max',
});
