import fc from 'fast-check';
import { expect, test } from 'vitest';
import { FAULT_PROFILES, type FaultFlags } from '../src/faults.js';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/engine/budget.js';
import { collectGarbage } from '../src/harness/engine/collectGarbage.js';
import { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';
import type { ApiSession } from '../src/session/messages.js';
import { RouterEvents } from '../src/session/RouterEvents.js';
import { DEFAULT_SYNC_TIMING, SyncTracker, type TrackerState } from '../src/session/SyncTracker.js';
import { TrackerRegistry } from '../src/session/TrackerRegistry.js';

// The sync tracker on its own, against a model of its contract. In the router the gate
// refuses duplicates and chunks past the last before the tracker sees them, so the
// tracker's own guards, its missing-chunk list and its answers to introspection were
// never judged; here any order of chunks reaches it, under `fixed` and under each of the
// three fault flags that change how a stopped tracker's loop behaves.

const SYNC_ID = 'sync-7';
const SERIAL = 7;

type Reaction = 'none' | 'apply' | 'fail' | 'stop';
type Operation =
  | { readonly op: 'chunk'; readonly sequence: number; readonly isLast: boolean; readonly size: number }
  /** Chunks 0 to `last` in order, `last` marked last: most random chunks never make a whole sync. */
  | { readonly op: 'fill'; readonly last: number; readonly size: number }
  | { readonly op: 'post-sync'; readonly size: number }
  | { readonly op: 'advance'; readonly ms: number }
  /** Runs the due timer at `pick` (modulo how many are due); the callbacks then do `react`. */
  | { readonly op: 'run-timer'; readonly pick: number; readonly react: Reaction }
  | { readonly op: 'stop' }
  | { readonly op: 'mark-applied' }
  | { readonly op: 'mark-failed' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('chunk' as const),
      sequence: fc.nat({ max: 5 }),
      isLast: fc.boolean(),
      size: fc.nat({ max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('fill' as const), last: fc.nat({ max: 3 }), size: fc.nat({ max: 2 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('post-sync' as const), size: fc.nat({ max: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.nat({ max: 6 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('run-timer' as const),
      pick: fc.nat({ max: 3 }),
      react: fc.constantFrom<Reaction>('none', 'apply', 'fail', 'stop'),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'stop' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'mark-applied' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'mark-failed' as const }) },
);

// The stop faults act together in the reference: both at once are a third of the cases.
const faults: fc.Arbitrary<FaultFlags> = fc
  .constantFrom<Partial<FaultFlags>>(
    {},
    { stoppedTrackerMayApply: true },
    { stoppedTrackerMayFail: true },
    { deadlineBeatsCompleteSync: true },
    { stoppedTrackerMayApply: true, stoppedTrackerMayFail: true },
    { stoppedTrackerMayApply: true, stoppedTrackerMayFail: true, deadlineBeatsCompleteSync: true },
  )
  .map((flags) => ({ ...FAULT_PROFILES.fixed, ...flags }));

const trackerCase = fc
  .record({
    tickIntervalMs: fc.integer({ min: 1, max: 8 }),
    deadlineMs: fc.integer({ min: 1, max: 12 }),
    // A tick that finds every chunk in beats a later deadline to it: in half the cases the deadline comes first.
    deadlineFirst: fc.boolean(),
    faults,
    operations: fc.array(operation, { maxLength: 40, size: 'max' }),
  })
  .map(({ deadlineFirst, ...rest }) => ({
    ...rest,
    deadlineMs: deadlineFirst ? Math.min(rest.deadlineMs, rest.tickIntervalMs) : rest.deadlineMs,
  }));

/** What the tracker must hold, say and have announced: its contract, written out plainly. */
class TrackerModel {
  state: TrackerState = 'collecting';
  endedAt: number | undefined;
  readonly chunks = new Map<number, readonly ApiSession[]>();
  lastSequence = -1;
  highestSequence = -1;
  postSync: ApiSession[] = [];
  tickDue: number | undefined;
  deadlineDue: number | undefined;
  readonly expectedEnded: AnnouncedEnd[] = [];
  readonly expectedCalls: string[] = [];

  constructor(
    readonly runtime: VirtualRuntime,
    readonly timing: { tickIntervalMs: number; deadlineMs: number },
    readonly faults: FaultFlags,
  ) {
    this.tickDue = runtime.now() + timing.tickIntervalMs;
    this.deadlineDue = runtime.now() + timing.deadlineMs;
  }

  /** Every sequence from 0 to the last and nothing past it. */
  hasAll(): boolean {
    if (this.lastSequence < 0) return false;
    const held = [...this.chunks.keys()].sort((a, b) => a - b);
    return held.length === this.lastSequence + 1 && held.every((seq, i) => seq === i);
  }

  missing(shown: number): number[] {
    const upTo = this.lastSequence >= 0 ? this.lastSequence : this.highestSequence + 1;
    const missing: number[] = [];
    for (let seq = 0; seq <= upTo; seq++) if (!this.chunks.has(seq)) missing.push(seq);
    return missing.slice(0, shown);
  }

  all(): ApiSession[] {
    const sessions: ApiSession[] = [];
    for (let seq = 0; seq <= this.lastSequence; seq++) sessions.push(...(this.chunks.get(seq) ?? []));
    return [...sessions, ...this.postSync];
  }

  addChunk(sequence: number, isLast: boolean, sessions: readonly ApiSession[]): boolean {
    if (this.chunks.has(sequence)) return false;
    this.chunks.set(sequence, sessions);
    if (isLast) this.lastSequence = sequence;
    this.highestSequence = Math.max(this.highestSequence, sequence);
    return true;
  }

  timerEnded(what: string): void {
    this.expectedEnded.push({ kind: 'timer', label: `${what} of ${SYNC_ID}` });
  }

  chunksEnded(how: string): void {
    for (const [seq, chunk] of this.chunks) {
      this.expectedEnded.push({
        kind: 'chunk',
        object: chunkNumber(chunk),
        label: `chunk ${seq} of ${SYNC_ID}, ${how}`,
      });
    }
  }

  cancelTick(): void {
    if (this.tickDue !== undefined) this.timerEnded('tick, cancelled');
    this.tickDue = undefined;
  }

  cancelDeadline(): void {
    if (this.deadlineDue !== undefined) this.timerEnded('deadline, cancelled');
    this.deadlineDue = undefined;
  }

  clearData(announce: boolean): void {
    if (announce) this.chunksEnded('dropped');
    this.chunks.clear();
    this.postSync = [];
  }

  end(state: TrackerState): void {
    this.state = state;
    this.endedAt = this.runtime.now();
    this.cancelTick();
    this.cancelDeadline();
    if (state === 'applied') this.chunksEnded('applied');
  }

  markApplied(): void {
    this.end('applied');
  }

  markFailed(): void {
    this.end('failed');
    this.clearData(true);
  }

  stop(): void {
    // An ended tracker keeps its state; an applied one announced its chunks' end already.
    if (this.state !== 'collecting') {
      this.clearData(this.state !== 'applied');
      return;
    }
    const { stoppedTrackerMayApply: mayApply, stoppedTrackerMayFail: mayFail } = this.faults;
    if (!mayApply && !mayFail) {
      this.end('stopped');
      this.clearData(true);
      return;
    }
    // The reference's loop sees the stop late: what it may still do keeps running.
    this.state = 'stopped';
    this.endedAt = this.runtime.now();
    if (!mayApply) this.cancelTick();
    if (!mayFail) this.cancelDeadline();
    if (!mayApply) this.clearData(true);
  }

  react(reaction: Reaction): void {
    if (reaction === 'apply') this.markApplied();
    else if (reaction === 'fail') this.markFailed();
    else if (reaction === 'stop') this.stop();
  }

  tickFired(reaction: Reaction): void {
    this.tickDue = undefined;
    this.timerEnded('tick');
    const stoppedButTicking = this.state === 'stopped' && this.faults.stoppedTrackerMayApply;
    if (this.state !== 'collecting' && !stoppedButTicking) return;
    if (this.hasAll()) {
      this.expectedCalls.push(`complete on tick at ${this.runtime.now()}`);
      this.react(reaction);
    } else if (this.state === 'collecting') {
      this.tickDue = this.runtime.now() + this.timing.tickIntervalMs;
    }
  }

  deadlineFired(reaction: Reaction): void {
    this.deadlineDue = undefined;
    this.timerEnded('deadline');
    if (this.state !== 'collecting' && !this.faults.stoppedTrackerMayFail) return;
    if (this.hasAll() && this.state === 'collecting' && !this.faults.deadlineBeatsCompleteSync) {
      this.expectedCalls.push(`complete on deadline at ${this.runtime.now()}`);
    } else {
      this.expectedCalls.push(`deadline at ${this.runtime.now()}`);
    }
    this.react(reaction);
  }

  timers(): { label: string; dueAt: number }[] {
    const timers: { label: string; dueAt: number }[] = [];
    if (this.deadlineDue !== undefined) timers.push({ label: `deadline ${SYNC_ID}`, dueAt: this.deadlineDue });
    if (this.tickDue !== undefined) timers.push({ label: `tick ${SYNC_ID}`, dueAt: this.tickDue });
    return timers;
  }
}

/** An end as announced; a chunk by the number of the very array handed to the tracker. */
interface AnnouncedEnd {
  readonly kind: string;
  readonly object?: number;
  readonly label: string;
}

let nextSessionSerial = 0;
const chunkNumbers = new WeakMap<object, number>();
function chunkNumber(chunk: object): number {
  return chunkNumbers.get(chunk) ?? -1;
}

function sessionsOf(size: number): ApiSession[] {
  const sessions = Array.from({ length: size }, () => {
    const serial = ++nextSessionSerial;
    return {
      id: `as-${serial}`,
      token: `token-${serial}`,
      identityId: 'identity-1',
      certFingerprints: [`fp-${serial}`],
    };
  });
  chunkNumbers.set(sessions, ++nextSessionSerial);
  return sessions;
}

const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);

function expectTrackerMatches(tracker: SyncTracker, model: TrackerModel, runtime: VirtualRuntime, where: string): void {
  const seen = {
    state: tracker.state,
    endedAt: tracker.endedAt,
    hasLast: tracker.hasLast(),
    hasAll: tracker.hasAll(),
    missing: tracker.missingSequences(),
    firstMissing: tracker.missingSequences(1),
    all: tracker.all(),
    chunkCount: tracker.chunkCount(),
    chunkSessionCount: tracker.chunkSessionCount(),
    postSyncCount: tracker.postSyncCount(),
    timers: runtime
      .pending()
      .filter((work) => work.kind === 'timer')
      .map(({ label, dueAt }) => ({ label, dueAt }))
      .sort(byLabel),
  };
  const heldSessions = [...model.chunks.values()].reduce((sum, chunk) => sum + chunk.length, 0);
  expect(seen, where).toStrictEqual({
    state: model.state,
    endedAt: model.endedAt,
    hasLast: model.lastSequence >= 0,
    hasAll: model.hasAll(),
    missing: model.missing(5),
    firstMissing: model.missing(1),
    all: model.all(),
    chunkCount: model.chunks.size,
    chunkSessionCount: heldSessions,
    postSyncCount: model.postSync.length,
    timers: model.timers().sort(byLabel),
  });
}

test('tracker: chunks in any order, timers and stops do what the tracker promises, under each stop fault', () => {
  fc.assert(
    fc.property(trackerCase, ({ tickIntervalMs, deadlineMs, faults: flags, operations }) => {
      const runtime = new VirtualRuntime();
      const events = new RouterEvents();
      const ended: AnnouncedEnd[] = [];
      events.subscribe((event) => {
        if (event.type !== 'ended') return;
        const chunk = event.kind === 'chunk' ? { object: chunkNumber(event.object) } : {};
        ended.push({ kind: event.kind, ...chunk, label: event.label });
      });
      const calls: string[] = [];
      let reaction: Reaction = 'none';
      const react = (tracker: SyncTracker) => {
        if (reaction === 'apply') tracker.markApplied();
        else if (reaction === 'fail') tracker.markFailed();
        else if (reaction === 'stop') tracker.stop();
      };
      const timing = { tickIntervalMs, deadlineMs };
      const tracker = new SyncTracker(SYNC_ID, SERIAL, {
        runtime,
        timing,
        faults: flags,
        events,
        callbacks: {
          onComplete: (t, on) => {
            calls.push(`complete on ${on} at ${runtime.now()}`);
            react(t);
          },
          onDeadline: (t) => {
            calls.push(`deadline at ${runtime.now()}`);
            react(t);
          },
        },
      });
      const registry = new TrackerRegistry();
      registry.register(tracker, SERIAL);
      expect(registry.nextSerial()).toBe(SERIAL + 1);
      tracker.start();
      const model = new TrackerModel(runtime, timing, flags);
      expect(tracker.startedAt).toBe(0);
      // The router sets the floor from the first chunk; until then no session is below it.
      expect(tracker.removalFloor).toBe('');

      for (const [index, step] of operations.entries()) {
        const where = `step ${index}: ${JSON.stringify(step)}`;
        switch (step.op) {
          case 'chunk': {
            // The router adds only to the tracker it holds, which is collecting.
            if (model.state !== 'collecting') continue;
            const sessions = sessionsOf(step.size);
            const added = tracker.addChunk(step.sequence, step.isLast, sessions);
            expect(added, where).toBe(model.addChunk(step.sequence, step.isLast, sessions));
            break;
          }
          case 'fill': {
            if (model.state !== 'collecting') continue;
            for (let sequence = 0; sequence <= step.last; sequence++) {
              const sessions = sessionsOf(step.size);
              const isLast = sequence === step.last;
              expect(tracker.addChunk(sequence, isLast, sessions), where).toBe(
                model.addChunk(sequence, isLast, sessions),
              );
            }
            break;
          }
          case 'post-sync': {
            if (model.state !== 'collecting') continue;
            const sessions = sessionsOf(step.size);
            tracker.addPostSync(sessions);
            model.postSync.push(...sessions);
            break;
          }
          case 'advance':
            runtime.advanceBy(step.ms);
            break;
          case 'run-timer': {
            const due = runtime.runnable();
            if (due.length === 0) continue;
            reaction = step.react;
            const fired = due[step.pick % due.length];
            const ran = runtime.runAt(step.pick % due.length);
            expect(ran.label, where).toBe(fired?.label);
            if (ran.label.startsWith('tick')) model.tickFired(step.react);
            else model.deadlineFired(step.react);
            break;
          }
          case 'stop':
            tracker.stop();
            model.stop();
            break;
          case 'mark-applied':
            tracker.markApplied();
            model.markApplied();
            break;
          case 'mark-failed':
            tracker.markFailed();
            model.markFailed();
            break;
        }
        expectTrackerMatches(tracker, model, runtime, where);
        expect(calls, where).toEqual(model.expectedCalls);
        expect(ended, where).toEqual(model.expectedEnded);
        const [info, ...others] = registry.list();
        expect(others, where).toEqual([]);
        expect(registry.size(), where).toBe(1);
        expect(info, where).toEqual({
          serial: SERIAL,
          syncId: SYNC_ID,
          state: model.state,
          startedAt: 0,
          endedAt: model.endedAt,
          chunks: model.chunks.size,
          chunkSessions: tracker.chunkSessionCount(),
          postSyncSessions: model.postSync.length,
        });
      }
    }),
    { seed: seedFromEnvironment(), numRuns: 5 * runsFromEnvironment() },
  );
});

test("tracker: a router built without timing waits as upstream's does, a tick a second and 20 s for a sync", () => {
  expect(DEFAULT_SYNC_TIMING).toEqual({ tickIntervalMs: 1_000, deadlineMs: 20_000 });
});

test('tracker registry: a collected tracker leaves the list, a live one stays, and serials only grow', async () => {
  const runtime = new VirtualRuntime();
  const context = {
    runtime,
    timing: DEFAULT_SYNC_TIMING,
    faults: FAULT_PROFILES.fixed,
    events: new RouterEvents(),
    callbacks: { onComplete: () => undefined, onDeadline: () => undefined },
  };
  const registry = new TrackerRegistry();
  const kept = new SyncTracker('sync-2', 2, context);
  registry.register(kept, 2);
  // Registered out of order: the next serial stays above every one seen.
  (() => registry.register(new SyncTracker('sync-1', 1, context), 1))();
  expect(registry.nextSerial()).toBe(3);
  await collectGarbage();
  expect(registry.list().map((info) => info.serial)).toEqual([2]);
  expect(registry.size()).toBe(1);
  expect(kept.syncId).toBe('sync-2');
});
