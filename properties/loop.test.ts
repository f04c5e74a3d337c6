import fc from 'fast-check';
import { expect, test } from 'vitest';
import { FAULT_PROFILES } from '../src/faults.js';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/engine/budget.js';
import { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';
import type { ApiSession } from '../src/session/messages.js';
import { RouterCounters } from '../src/session/RouterCounters.js';
import { type RouterEvent, RouterEvents } from '../src/session/RouterEvents.js';
import { StateManager } from '../src/session/StateManager.js';
import { SyncChunkGate } from '../src/session/SyncChunkGate.js';
import { SyncReceiveLoop } from '../src/session/SyncReceiveLoop.js';
import { DEFAULT_SYNC_TIMING } from '../src/session/SyncTracker.js';
import { TrackerRegistry } from '../src/session/TrackerRegistry.js';

// The receive loop on its own, fed requests the handler and gate in front of it would
// never pass: chunks of older and of ended syncs, duplicates, failures of syncs that ended,
// post-sync data with no tracker, closes in any state. Its own checks are the router's
// second layer; here they are the only one. The clock never moves, so syncs end only by
// failure or close, and the model stays small.

type Operation =
  | { readonly op: 'chunk'; readonly syncId: string; readonly sequence: number; readonly isLast: boolean }
  | { readonly op: 'fail'; readonly syncId: string }
  | { readonly op: 'post-sync'; readonly syncId: string }
  | { readonly op: 'close' };

// Ids sort around the text a mutant puts in place of "" ("Stryker was here!").
const syncId = fc.constantFrom('0', 'A', 'T', 'a', 'm', 'z');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('chunk' as const),
      syncId,
      sequence: fc.nat({ max: 3 }),
      isLast: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('fail' as const), syncId }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('post-sync' as const), syncId }) },
  { weight: 1, arbitrary: fc.constant({ op: 'close' as const }) },
);

interface Held {
  readonly syncId: string;
  readonly chunks: Map<number, boolean>;
  /** The sessions array of each sequence's first copy: what the tracker holds until it ends. */
  readonly arrays: object[];
}

type Announced = Extract<
  RouterEvent,
  { type: 'sync-failed' } | { type: 'closed' } | { type: 'tracker-replaced' } | { type: 'sync-started' }
>;

/** What the loop must do with each request, written from its contract. */
class LoopModel {
  held: Held | undefined;
  endedThrough = '';
  stale = 0;
  started = 0;
  failed = 0;
  aborted = 0;
  resyncs = 0;
  /** Trackers that ended (failed, replaced, stopped by a close): each announced ended and released once. */
  trackersEnded = 0;
  readonly announced: Announced[] = [];

  chunk(syncId: string, sequence: number, isLast: boolean, sessions: object): void {
    if (syncId <= this.endedThrough) {
      this.stale++;
      return;
    }
    if (this.held === undefined || this.held.syncId < syncId) {
      if (this.held !== undefined) {
        this.aborted++;
        this.trackersEnded++;
        this.announced.push({ type: 'tracker-replaced', syncId: this.held.syncId, complete: this.hasAll(this.held) });
      }
      this.started++;
      this.held = { syncId, chunks: new Map(), arrays: [] };
      this.announced.push({ type: 'sync-started', syncId, serial: this.started });
    } else if (this.held.syncId > syncId) {
      this.stale++;
      return;
    }
    if (!this.held.chunks.has(sequence)) {
      this.held.chunks.set(sequence, isLast);
      this.held.arrays.push(sessions);
    }
  }

  hasAll(held: Held): boolean {
    const last = [...held.chunks].filter(([, isLast]) => isLast).map(([seq]) => seq);
    const lastSeq = last.at(-1);
    if (lastSeq === undefined || held.chunks.size !== lastSeq + 1) return false;
    return [...held.chunks.keys()].every((seq) => seq <= lastSeq);
  }

  missing(held: Held): number[] {
    const lasts = [...held.chunks].filter(([, isLast]) => isLast).map(([seq]) => seq);
    const upTo = lasts.at(-1) ?? Math.max(...held.chunks.keys()) + 1;
    const missing: number[] = [];
    for (let seq = 0; seq <= upTo && missing.length < 5; seq++) if (!held.chunks.has(seq)) missing.push(seq);
    return missing;
  }

  fail(syncId: string): void {
    if (syncId <= this.endedThrough) return;
    const held = this.held?.syncId === syncId ? this.held : undefined;
    this.failed++;
    this.resyncs++;
    if (held !== undefined) this.trackersEnded++;
    this.announced.push({
      type: 'sync-failed',
      syncId,
      cause: 'broken-chunk',
      missing: held === undefined ? [] : this.missing(held),
      complete: held === undefined ? false : this.hasAll(held),
    });
    if (held !== undefined) this.held = undefined;
    if (syncId > this.endedThrough) this.endedThrough = syncId;
  }

  close(): void {
    const held = this.held;
    this.announced.push({
      type: 'closed',
      tracker: held === undefined ? 'none' : this.hasAll(held) ? 'complete' : 'collecting',
    });
    if (held !== undefined) {
      this.aborted++;
      this.trackersEnded++;
    }
    this.held = undefined;
    this.endedThrough = '';
  }
}

let serial = 0;
const sessionsOf = (): ApiSession[] => {
  serial++;
  return [{ id: `as-${serial}`, token: `token-${serial}`, identityId: 'identity-1', certFingerprints: [] }];
};

test('loop: chunks of older or ended syncs, duplicates, failures of ended syncs and closes do what the loop promises', () => {
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 30, size: 'max' }), (operations) => {
      const runtime = new VirtualRuntime();
      const events = new RouterEvents();
      const heard: RouterEvent[] = [];
      const endedChunks: object[] = [];
      let trackersEnded = 0;
      let released = 0;
      events.subscribe((event) => {
        const announced = ['sync-failed', 'closed', 'tracker-replaced', 'sync-started'];
        if (announced.includes(event.type)) heard.push(event);
        if (event.type === 'ended' && event.kind === 'chunk') endedChunks.push(event.object);
        if (event.type === 'ended' && event.kind === 'tracker') trackersEnded++;
        if (event.type === 'effect' && event.effect === 'tracker released') released++;
      });
      const pushed: object[] = [];
      const counters = new RouterCounters();
      const resyncs: string[] = [];
      const loop = new SyncReceiveLoop({
        runtime,
        faults: FAULT_PROFILES.fixed,
        timing: DEFAULT_SYNC_TIMING,
        queueCapacity: 100,
        state: new StateManager(FAULT_PROFILES.fixed, events),
        gate: new SyncChunkGate(),
        counters,
        registry: new TrackerRegistry(),
        events,
        requestResync: (reason) => resyncs.push(reason),
      });
      const model = new LoopModel();
      for (const [index, step] of operations.entries()) {
        const where = `step ${index}: ${JSON.stringify(step)}`;
        if (step.op === 'chunk') {
          const { syncId: id, sequence, isLast } = step;
          const sessions = sessionsOf();
          pushed.push(sessions);
          loop.queue.push({ kind: 'chunk', syncState: { id, sequence, isLast }, sessions });
          model.chunk(id, sequence, isLast, sessions);
        } else if (step.op === 'fail') {
          loop.queue.push({ kind: 'fail', syncId: step.syncId, reason: `broken ${step.syncId}` });
          model.fail(step.syncId);
        } else if (step.op === 'post-sync') {
          loop.queue.push({ kind: 'post-sync', syncId: step.syncId, sessions: sessionsOf() });
        } else {
          loop.abort();
          loop.resume();
          model.close();
        }
        // The clock stays put: no tick or deadline runs, only the loop's own tasks.
        runtime.runRunnable();
        const tracker = loop.currentTracker();
        expect(
          {
            held: tracker?.syncId,
            collecting: tracker?.state,
            chunks: tracker?.chunkCount(),
            floor: tracker?.removalFloor,
            stale: counters.staleChunksIgnored,
            started: counters.syncsStarted,
            failed: counters.syncsFailed,
            aborted: counters.syncsAborted,
            resyncs: resyncs.length,
          },
          where,
        ).toEqual({
          held: model.held?.syncId,
          collecting: model.held === undefined ? undefined : 'collecting',
          chunks: model.held?.chunks.size,
          // No floor came with these first chunks: none, not some text.
          floor: model.held === undefined ? undefined : '',
          stale: model.stale,
          started: model.started,
          failed: model.failed,
          aborted: model.aborted,
          resyncs: model.resyncs,
        });
        expect(heard, where).toEqual(model.announced);
        expect({ trackersEnded, released }, where).toEqual({
          trackersEnded: model.trackersEnded,
          released: model.trackersEnded,
        });
        // Every chunk is announced ended once: at once when ignored, with its tracker otherwise.
        const held = model.held?.arrays ?? [];
        expect(endedChunks.length, where).toBe(new Set(endedChunks).size);
        expect(new Set(endedChunks), where).toEqual(new Set(pushed.filter((chunk) => !held.includes(chunk))));
      }
    }),
    { seed: seedFromEnvironment(), numRuns: 3 * runsFromEnvironment() },
  );
});
