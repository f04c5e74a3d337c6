import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { StoreStep } from '../../src/harness/index.js';
import {
  CannotJudgeError,
  CounterexampleFileError,
  readCounterexampleFile,
  runCase,
  SessionModel,
  STORE_INVARIANTS,
  storeSystem,
  VIRTUAL_EPOCH_MS,
  VirtualClock,
  writeCounterexample,
} from '../../src/harness/index.js';
import { temporaryDir } from '../support/tempDir.js';
import { checkStore, runStoreSteps } from './support/storeCase.js';

describe('SessionModel', () => {
  test('a session expires at its expiry instant; touch extends a live one and cannot revive a dead one', () => {
    const model = new SessionModel();
    model.set('sid-0', 1, 0, 1_000);
    expect(model.live('sid-0', 999)?.version).toBe(1);
    expect(model.live('sid-0', 1_000)).toBeUndefined();
    expect(model.touch('sid-0', 1_000, 5_000)).toBe(false);
    expect(model.live('sid-0', 2_000)).toBeUndefined();
    model.set('sid-1', 2, 0, 1_000);
    expect(model.touch('sid-1', 500, 5_000)).toBe(true);
    expect(model.live('sid-1', 5_499)?.version).toBe(2);
    model.set('sid-2', 3, 0, 9_000);
    model.destroy('sid-2', 2_000);
    expect([...model.deadIds(6_000)]).toEqual([
      ['sid-0', 'expired at t=1s'],
      ['sid-1', 'expired at t=5.5s'],
      ['sid-2', 'destroyed at t=2s'],
    ]);
  });
});

describe('VirtualClock', () => {
  test('fakes Date from a fixed instant and timers only for in-process stores; uninstall restores both', () => {
    const realSetTimeout = globalThis.setTimeout;
    const inProcess = new VirtualClock('in-process');
    try {
      expect(Date.now()).toBe(VIRTUAL_EPOCH_MS);
      expect(globalThis.setTimeout).not.toBe(realSetTimeout);
      let fired = false;
      setTimeout(() => {
        fired = true;
      }, 1_000);
      inProcess.advance(1_000);
      expect([fired, inProcess.now()]).toEqual([true, 1_000]);
    } finally {
      inProcess.uninstall();
      inProcess.uninstall();
    }
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(Date.now()).toBeGreaterThan(VIRTUAL_EPOCH_MS);
    const real = new VirtualClock('real');
    try {
      expect(Date.now()).toBe(VIRTUAL_EPOCH_MS);
      expect(globalThis.setTimeout).toBe(realSetTimeout);
    } finally {
      real.uninstall();
    }
  });
});

const deferredClear = './tests/stores/fixtures/deferredClearStore.ts';
const clearRace: StoreStep[] = [
  { op: 'set', sid: 0, maxAgeSeconds: 1 },
  { op: 'concurrent', ops: [{ op: 'clear' }, { op: 'set', sid: 0, maxAgeSeconds: 1 }] },
  { op: 'get', sid: 0 },
];

describe('a store case', () => {
  test('traces every step: op, result, virtual time, model live count, store retained count', async () => {
    const steps: StoreStep[] = [
      { op: 'set', sid: 0, maxAgeSeconds: 2 },
      { op: 'advance', ms: 1_000 },
      { op: 'get', sid: 0 },
    ];
    const { violation, trace } = await runStoreSteps('express-memory', steps);
    expect(violation).toBeUndefined();
    expect(
      trace.map(({ description, outcome, state }) => [description, outcome, state.time, state.live, state.held]),
    ).toEqual([
      ['set sid-0 maxAge 2s', 'set sid-0 maxAge 2s: ok', '0s', 1, 1],
      ['advance 1s', 'clock at t=1s', '1s', 1, 1],
      ['get sid-0', 'get sid-0: version 1', '1s', 1, 1],
      ['drain', "advance 86400s, past the store's promise (quiescence)", '86401s', 0, 1],
    ]);
    expect(Date.now()).toBeGreaterThan(VIRTUAL_EPOCH_MS);
  });

  test('concurrent ops: linearizable accepts an order other than the call order; call-order does not', async () => {
    expect((await runStoreSteps(deferredClear, clearRace)).violation).toBeUndefined();
    const strict = await runStoreSteps(deferredClear, clearRace, 'conformance', { concurrency: 'call-order' });
    expect(strict.violation).toBe('get sid-0 answered nothing at t=0s, but version 2 is live until t=1s');
  });

  test('linearizable still rejects answers that no order of the concurrent ops explains', async () => {
    const steps: StoreStep[] = [
      { op: 'set', sid: 0, maxAgeSeconds: 1 },
      {
        op: 'concurrent',
        ops: [
          { op: 'set', sid: 0, maxAgeSeconds: 1 },
          { op: 'get', sid: 0 },
          { op: 'get', sid: 0 },
        ],
      },
    ];
    // get, get, set would explain version 1 twice: the overwrite is judged by what follows.
    const store = './tests/stores/fixtures/firstWriteWinsStore.ts';
    expect((await runStoreSteps(store, steps)).violation).toBeUndefined();
    const violation = await runStoreSteps(store, [
      ...steps,
      {
        op: 'concurrent',
        ops: [
          { op: 'get', sid: 0 },
          { op: 'destroy', sid: 1 },
        ],
      },
    ]);
    expect(violation.violation).toBe(
      'get sid-0 answered version 1 at t=0s, but version 2 is live until t=1s: version 1 was saved by set sid-0 at t=0s and replaced by version 2, which the store lost; no order of the 2 concurrent ops explains these answers; shown in call order',
    );
    expect(violation.atEntry).toBe(2);
  });

  test('the clock is uninstalled and the store closed even when a case throws', async () => {
    await expect(runStoreSteps('./tests/stores/fixtures/notAStore.ts', [], 'freed')).rejects.toThrow(
      'did not return a store',
    );
    expect(Date.now()).toBeGreaterThan(VIRTUAL_EPOCH_MS);
  });
});

describe('freed', () => {
  test('a store without a probe that keeps no objects cannot be judged: a typed inconclusive error naming the exports that would let it', async () => {
    const file = join(temporaryDir('store-probe-'), 'probeless.ts');
    writeFileSync(
      file,
      `export function createStore() {
        const m = new Map();
        return { get: (s, cb) => cb(null, m.get(s)), set: (s, v, cb) => { m.set(s, v); cb?.(null); }, destroy: (s, cb) => { m.delete(s); cb?.(null); } };
      }\n`,
    );
    const error = await runStoreSteps(file, [], 'freed').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CannotJudgeError);
    expect((error as CannotJudgeError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(
      /^freed cannot judge .*probeless\.ts \(.*\): it offers no way to see which sessions it still holds\. Export retainedSessionIds\(store\).*or export keepsSessionObjects = true/,
    );
  });

  test('WeakRef + gc(): objects a store hides from its own probe are found', async () => {
    const steps: StoreStep[] = [
      { op: 'set', sid: 0, maxAgeSeconds: 5 },
      { op: 'destroy', sid: 0 },
    ];
    const leaky = await runStoreSteps('./tests/stores/fixtures/hiddenLeakStore.ts', steps, 'freed');
    expect(leaky.violation).toMatch(
      /the session objects of 1 dead session\(s\) survived 3 full collections .*: sid-0$/,
    );
    const sound = await runStoreSteps('./tests/stores/fixtures/objectMapStore.ts', steps, 'freed');
    expect(sound.violation).toBeUndefined();
  });
});

describe('store counterexamples', () => {
  test('are plain data: written, read back and replayed to the same failure', async () => {
    const result = await checkStore('express-memory', 'freed', { numRuns: 50, seed: 7 });
    const counterexample = result.counterexample;
    if (counterexample === undefined) throw new Error('express-memory must break freed');
    const dir = temporaryDir('store-cx-');
    const file = writeCounterexample(dir, counterexample);
    expect(readdirSync(dir)).toEqual(['store-freed-express-memory-7.json']);
    const read = readCounterexampleFile(file);
    expect(read.system.name).toBe('store');
    expect(read.counterexample).toEqual(counterexample);
    const replayed = await runCase(
      storeSystem,
      { target: 'express-memory', params: read.counterexample.params, steps: read.counterexample.steps as StoreStep[] },
      STORE_INVARIANTS.freed,
    );
    expect(replayed.violation).toEqual(counterexample.failure);
  });

  test('a file that is not one is refused with the field at fault', () => {
    const file = join(temporaryDir('store-cx-'), 'bad.json');
    const base = {
      format: 'session-sync-counterexample',
      version: 2,
      system: 'store',
      target: 'express-memory',
      property: 'freed',
      seed: 1,
      path: '',
      numRuns: 1,
      fastCheckVersion: 'x',
      commit: 'x',
      createdAt: 'x',
      params: { concurrency: 'linearizable', checkPeriodMs: 1_000 },
      readableSteps: [],
      failure: { invariant: 'freed', phase: 'quiescence', atEntry: 0, message: '' },
    };
    writeFileSync(file, JSON.stringify({ ...base, steps: [{ op: 'advance', ms: 1_500 }] }));
    expect(() => readCounterexampleFile(file)).toThrow(CounterexampleFileError);
    expect(() => readCounterexampleFile(file)).toThrow(/steps\.0\.ms: a whole number of seconds/);
  });
});
