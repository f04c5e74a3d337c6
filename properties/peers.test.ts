import fc from 'fast-check';
import { expect, test } from 'vitest';
import { FAULT_PROFILES } from '../src/faults.js';
import {
  channelSystem,
  controllerSystem,
  isFullSyncChunk,
  runsFromEnvironment,
  seedFromEnvironment,
  syncStateOf,
} from '../src/harness/index.js';
import { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';
import { Controller, ControllerInputError, formatSessionId, formatSyncId } from '../src/session/Controller.js';
import { fullSyncChunk, type WireMessage } from '../src/session/messages.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

// The router's peers in the model, the channel (ControlChannel.ts) and the controller
// (Controller.ts), against what their API says, misuse included. Each runs on the engine
// against a model of its own (src/harness/parts/channel, src/harness/parts/controller);
// the properties below need no model: one call and its answer.

const RUNS = runsFromEnvironment();
const SEED = seedFromEnvironment();

test(`peers: ${channelSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(channelSystem, 'model');
  expect(result.runsExecuted).toBe(result.runsRequested);
});

test(`peers: ${controllerSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(controllerSystem, 'model');
  expect(result.runsExecuted).toBe(result.runsRequested);
});

test('peers: a full sync marks exactly its final chunk last, except what the last-chunk fault leaves unmarked', () => {
  const profileArb = fc.constantFrom<keyof typeof FAULT_PROFILES>('fixed', 'no-last-chunk', 'upstream-races');
  fc.assert(
    fc.property(profileArb, fc.integer({ min: 1, max: 5 }), fc.nat({ max: 16 }), (profile, chunkSize, count) => {
      const runtime = new VirtualRuntime();
      const faulty = FAULT_PROFILES[profile].lastChunkNeverMarked;
      const controller = new Controller({ runtime, chunkSize, faults: FAULT_PROFILES[profile] });
      for (let i = 0; i < count; i++) controller.createSession();
      const received: WireMessage[] = [];
      controller.connected({ send: (message) => received.push(message) });
      const syncId = formatSyncId(1);
      const chunks = Math.max(1, Math.ceil(count / chunkSize));
      // One chunk per task: the first task sends one, and all of them the rest.
      runtime.runAt(0);
      const first = faulty && count === 0 ? 0 : 1;
      expect(received).toHaveLength(first);
      runtime.runRunnable();
      expect(runtime.executedCount()).toBe(first === 0 ? 1 : chunks);
      const record = controller.syncHistory()[0];
      expect(controller.isStreaming()).toBe(false);
      if (faulty && count === 0) {
        expect(received).toEqual([]);
        expect(record).toStrictEqual({
          syncId,
          life: 0,
          reason: 'router connected',
          chunksSent: 0,
          sessionsSent: 0,
          snapshotSize: 0,
          totalChunks: 1,
          complete: true,
        });
        return;
      }
      const sessions = controller.liveSessions();
      const marked = faulty && count % chunkSize === 0 ? [] : [chunks - 1];
      expect(received).toEqual(
        Array.from({ length: chunks }, (_, sequence) =>
          fullSyncChunk(
            { id: syncId, isLast: marked.includes(sequence), sequence },
            sessions.slice(sequence * chunkSize, (sequence + 1) * chunkSize),
          ),
        ),
      );
      expect(record).toStrictEqual({
        syncId,
        life: 0,
        reason: 'router connected',
        chunksSent: chunks,
        sessionsSent: count,
        snapshotSize: count,
        totalChunks: chunks,
        complete: true,
      });
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('peers: the sync history keeps the newest Controller.HISTORY_KEPT records, oldest first', () => {
  const kept = Controller.HISTORY_KEPT;
  fc.assert(
    fc.property(fc.integer({ min: kept - 3, max: kept + 25 }), fc.boolean(), (begun, connected) => {
      const runtime = new VirtualRuntime();
      const controller = new Controller({ runtime, chunkSize: 1 });
      const received: WireMessage[] = [];
      if (connected) controller.connected({ send: (message) => received.push(message) });
      const byHand = connected ? begun - 1 : begun;
      for (let i = 1; i <= byHand; i++)
        expect(controller.startFullSync(`call ${i}`)).toBe(formatSyncId(begun - byHand + i));
      expect(controller.fullSyncsBegun()).toBe(begun);
      const history = controller.syncHistory();
      expect(history).toHaveLength(Math.min(begun, kept));
      const firstKept = begun - history.length + 1;
      expect(history.map((record) => record.syncId)).toEqual(history.map((_, i) => formatSyncId(firstKept + i)));
      expect(history.at(-1)?.reason).toBe(byHand === 0 ? 'router connected' : `call ${byHand}`);
      expect(history.every((record) => !record.complete && record.chunksSent === 0)).toBe(true);
      // Only the newest sync streams; every older one's task finds it abandoned.
      runtime.runRunnable();
      expect(received.filter(isFullSyncChunk).map((m) => syncStateOf(m).id)).toEqual(
        connected ? [formatSyncId(begun)] : [],
      );
      expect(history.filter((record) => record.complete).map((record) => record.syncId)).toEqual(
        connected ? [formatSyncId(begun)] : [],
      );
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('peers: a chunk size that is not a positive integer is refused; any other is kept, and 100 by default', () => {
  const invalidArb = fc.oneof(
    fc.integer({ min: -1000, max: 0 }),
    fc.tuple(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.25, 0.5, 0.75)).map(([whole, part]) => whole + part),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  );
  expect(new Controller({ runtime: new VirtualRuntime() }).chunkSize).toBe(100);
  fc.assert(
    fc.property(invalidArb, fc.integer({ min: 1, max: 1000 }), (invalid, valid) => {
      let thrown: unknown;
      try {
        new Controller({ runtime: new VirtualRuntime(), chunkSize: invalid });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ControllerInputError);
      expect(thrown).toMatchObject({ name: 'ControllerInputError', message: expect.stringContaining(String(invalid)) });
      expect(new Controller({ runtime: new VirtualRuntime(), chunkSize: valid }).chunkSize).toBe(valid);
    }),
    { seed: SEED, numRuns: 10 * RUNS },
  );
});

test('peers: session and sync ids are fixed width, so that string order is creation order', () => {
  const serialArb = fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }));
  fc.assert(
    fc.property(serialArb, serialArb, (earlier, later) => {
      for (const format of [formatSessionId, formatSyncId]) {
        const [a, b] = [format(earlier), format(later)];
        expect([typeof a, a.length]).toEqual(['string', b.length]);
        expect([a < b, a === b]).toEqual([earlier < later, earlier === later]);
      }
    }),
    { seed: SEED, numRuns: 10 * RUNS },
  );
});
