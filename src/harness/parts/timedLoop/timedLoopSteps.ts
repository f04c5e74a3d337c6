import fc from 'fast-check';
import { z } from 'zod';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import type { TimedLoopScenario } from './TimedLoopScenario.js';

// Ids sort around the text a mutant puts in place of "" ("Stryker was here!"); few
// tokens, so that syncs, live adds and removals meet.
const ID_UNITS = ['0', 'A', 'T', 'a', 'm', 'z'] as const;
const TOKENS = ['t0', 't1', 't2', 't3'] as const;
const syncId = fc.constantFrom('A', 'T', 'a', 'm');
const syncIdField = z.string().min(1).max(40);
const idField = z.string().min(1).max(40);
const sessionField = z.strictObject({ token: z.enum(TOKENS), id: idField });
const sessionArbitrary = fc.record({ token: fc.constantFrom(...TOKENS), id: fc.constantFrom(...ID_UNITS) });
const holdField = z.boolean();
/** A quarter of the requests (half the failures) wait in the queue while the clock moves: a tick or deadline meets them there. */
const hold = fc.boolean().chain((maybe) => (maybe ? fc.boolean() : fc.constant(false)));

function settle(scenario: TimedLoopScenario, held: boolean): void {
  if (!held) scenario.runLoop();
}

/**
 * A chunk as the handler passes it on: its sessions cached first; a sync's first chunk
 * marks the sync in progress (unless the loop does that) and carries the removal floor.
 */
function pushChunk(
  scenario: TimedLoopScenario,
  id: string,
  sequence: number,
  isLast: boolean,
  first: boolean,
  listed: readonly { readonly token: string; readonly id: string }[],
): void {
  const sessions = scenario.sessionsOf(listed);
  let floor: string | undefined;
  if (first) {
    if (!scenario.faults.syncMarkedInReceiveLoop) {
      scenario.manager.markSyncInProgress(id);
      scenario.model.markInProgress(id);
    }
    floor = scenario.manager.largestIdEverCached();
  }
  for (const session of sessions) scenario.cache(session);
  const syncState = { id, sequence, isLast };
  scenario.push(
    floor === undefined
      ? { kind: 'chunk', syncState, sessions }
      : { kind: 'chunk', syncState, sessions, removalFloor: floor },
    { kind: 'chunk', syncId: id, sequence, isLast, sessions, floor },
  );
}

/** One chunk; `first` as the handler judges a sync's first chunk. */
const chunk = stepKind({
  op: 'chunk',
  fields: {
    syncId: syncIdField,
    sequence: z.number().int().min(0).max(1_000),
    isLast: z.boolean(),
    first: z.boolean(),
    sessions: z.array(sessionField).max(4),
    hold: holdField,
  },
  generate: fc.record({
    syncId,
    sequence: fc.nat({ max: 2 }),
    isLast: fc.boolean(),
    first: fc.boolean(),
    sessions: fc.array(sessionArbitrary, { maxLength: 2 }),
    hold,
  }),
  weight: 8,
  describe: (step) =>
    `${step.first ? 'first ' : ''}chunk ${step.sequence}${step.isLast ? ' (last)' : ''} of ${step.syncId}, ` +
    `sessions ${step.sessions.map((s) => `${s.token}:${s.id}`).join(' ') || 'none'}${step.hold ? ', left queued' : ''}`,
  apply: (step, scenario: TimedLoopScenario) => {
    pushChunk(scenario, step.syncId, step.sequence, step.isLast, step.first, step.sessions);
    settle(scenario, step.hold);
    return `started ${scenario.counters.syncsStarted}, stale ${scenario.counters.staleChunksIgnored}`;
  },
});

/** Chunks 0 to `last` of a sync, the first marking it: most random chunks never make a whole sync. */
const whole = stepKind({
  op: 'whole-sync',
  fields: { syncId: syncIdField, last: z.number().int().min(0).max(100), sessions: z.array(sessionField).max(4) },
  generate: fc.record({ syncId, last: fc.nat({ max: 1 }), sessions: fc.array(sessionArbitrary, { maxLength: 2 }) }),
  weight: 3,
  describe: (step) =>
    `chunks 0 to ${step.last} of ${step.syncId}, sessions ${step.sessions.map((s) => `${s.token}:${s.id}`).join(' ') || 'none'} in the first`,
  apply: (step, scenario: TimedLoopScenario) => {
    for (let sequence = 0; sequence <= step.last; sequence++) {
      pushChunk(
        scenario,
        step.syncId,
        sequence,
        sequence === step.last,
        sequence === 0,
        sequence === 0 ? step.sessions : [],
      );
    }
    scenario.runLoop();
    return `started ${scenario.counters.syncsStarted}, stale ${scenario.counters.staleChunksIgnored}`;
  },
});

/** A live add, cached; while a sync is in progress, queued as its post-sync data too. */
const liveAdd = stepKind({
  op: 'live-add',
  fields: { session: sessionField, hold: holdField },
  generate: fc.record({ session: sessionArbitrary, hold }),
  weight: 3,
  describe: (step) => `live add ${step.session.token}:${step.session.id}${step.hold ? ', left queued' : ''}`,
  apply: (step, scenario: TimedLoopScenario) => {
    const sessions = scenario.sessionsOf([step.session]);
    for (const session of sessions) scenario.cache(session);
    const syncInProgress = scenario.manager.syncInProgressId();
    if (syncInProgress !== '') {
      scenario.push(
        { kind: 'post-sync', syncId: syncInProgress, sessions },
        { kind: 'post-sync', syncId: syncInProgress, sessions },
      );
    }
    settle(scenario, step.hold);
    return syncInProgress === '' ? 'cached' : `cached, post-sync data of ${syncInProgress}`;
  },
});

const fail = stepKind({
  op: 'fail',
  fields: { syncId: syncIdField, hold: holdField },
  generate: fc.record({ syncId, hold: fc.boolean() }),
  weight: 2,
  describe: (step) => `failure of ${step.syncId}${step.hold ? ', left queued' : ''}`,
  apply: (step, scenario: TimedLoopScenario) => {
    scenario.push(
      { kind: 'fail', syncId: step.syncId, reason: `broken ${step.syncId}` },
      { kind: 'fail', syncId: step.syncId },
    );
    settle(scenario, step.hold);
    return `failed ${scenario.counters.syncsFailed}`;
  },
});

const runLoop = stepKind({
  op: 'run-loop',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'the loop takes what is queued',
  apply: (_step, scenario: TimedLoopScenario) => {
    scenario.runLoop();
    return `queue ${scenario.loop.queue.length()}`;
  },
});

const advance = stepKind({
  op: 'advance',
  fields: { ms: z.number().int().min(0).max(86_400_000) },
  generate: fc.record({ ms: fc.nat({ max: 4 }) }),
  weight: 5,
  describe: (step) => `advance ${step.ms} ms, running every timer due`,
  apply: (step, scenario: TimedLoopScenario) => `${scenario.advance(step.ms)} timer(s) ran`,
});

/** The connection closes and the next one opens. */
const close = stepKind({
  op: 'close',
  fields: {},
  generate: fc.record({}),
  weight: 2,
  describe: () => 'close (abort, then resume)',
  apply: (_step, scenario: TimedLoopScenario) => {
    scenario.loop.abort();
    scenario.loop.resume();
    scenario.model.close();
    scenario.runLoop();
    return `aborted ${scenario.counters.syncsAborted}`;
  },
});

const TIMED_LOOP_STEP_KINDS = [chunk, whole, liveAdd, fail, runLoop, advance, close] as const;

export type TimedLoopStep = StepOf<(typeof TIMED_LOOP_STEP_KINDS)[number]>;

export const TIMED_LOOP_STEPS = new StepTable<TimedLoopStep, TimedLoopScenario>(TIMED_LOOP_STEP_KINDS);

export const MAX_TIMED_LOOP_STEPS = 500;

export const timedLoopStepsArbitrary: fc.Arbitrary<TimedLoopStep[]> = fc.array(TIMED_LOOP_STEPS.arbitrary(), {
  maxLength: 40,
  size: 'max',
});
