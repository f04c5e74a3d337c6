import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkStoreInvariant } from '../../src/harness/store/checkStoreInvariant.js';
import { STORE_INVARIANTS } from '../../src/harness/store/invariants/index.js';
import { runStoreCase, type StoreTraceEntry } from '../../src/harness/store/runStoreCase.js';
import { SessionModel } from '../../src/harness/store/SessionModel.js';
import {
  readStoreCounterexample,
  StoreCounterexampleFileError,
  writeStoreCounterexample,
} from '../../src/harness/store/StoreCounterexample.js';
import type { StoreStep } from '../../src/harness/store/StoreStep.js';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../src/harness/store/VirtualClock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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

describe('runStoreCase', () => {
  test('traces every step: op, result, model live count, store retained count, virtual time', async () => {
    const trace: StoreTraceEntry[] = [];
    const steps: StoreStep[] = [
      { op: 'set', sid: 0, maxAgeSeconds: 2 },
      { op: 'advance', ms: 1_000 },
      { op: 'get', sid: 0 },
    ];
    const violation = await runStoreCase({ store: 'express-memory', steps }, STORE_INVARIANTS.conformance, (entry) =>
      trace.push(entry),
    );
    expect(violation).toBeUndefined();
    expect(
      trace.map(({ description, result, modelLive, storeRetained, virtualMs }) => [
        description,
        result,
        modelLive,
        storeRetained,
        virtualMs,
      ]),
    ).toEqual([
      ['set sid-0 maxAge 2s', 'set sid-0 maxAge 2s: ok', 1, 1, 0],
      ['advance 1s', 'clock at t=1s', 1, 1, 1_000],
      ['get sid-0', 'get sid-0: version 1', 1, 1, 1_000],
      ['advance 0s (quiescence)', 'clock at t=1s', 1, 1, 1_000],
    ]);
    expect(Date.now()).toBeGreaterThan(VIRTUAL_EPOCH_MS);
  });

  test('concurrent ops: linearizable accepts an order other than the call order; call-order does not', async () => {
    const spec = { store: deferredClear, steps: clearRace };
    expect(await runStoreCase(spec, STORE_INVARIANTS.conformance)).toBeUndefined();
    const strict = await runStoreCase({ ...spec, concurrency: 'call-order' }, STORE_INVARIANTS.conformance);
    expect(strict?.message).toBe('get sid-0 answered nothing at t=0s, but version 2 is live until t=1s');
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
    const spec = { store: './tests/stores/fixtures/firstWriteWinsStore.ts', steps };
    expect(await runStoreCase(spec, STORE_INVARIANTS.conformance)).toBeUndefined();
    const violation = await runStoreCase(
      {
        ...spec,
        steps: [
          ...steps,
          {
            op: 'concurrent',
            ops: [
              { op: 'get', sid: 0 },
              { op: 'destroy', sid: 1 },
            ],
          },
        ],
      },
      STORE_INVARIANTS.conformance,
    );
    expect(violation?.message).toBe(
      'get sid-0 answered version 1 at t=0s, but version 2 is live until t=1s; no order of the 2 concurrent ops explains these answers; shown in call order',
    );
    expect(violation?.atEntry).toBe(2);
  });

  test('the clock is uninstalled and the store closed even when a case throws', async () => {
    await expect(
      runStoreCase({ store: './tests/stores/fixtures/notAStore.ts', steps: [] }, STORE_INVARIANTS.freed),
    ).rejects.toThrow('did not return a store');
    expect(Date.now()).toBeGreaterThan(VIRTUAL_EPOCH_MS);
  });
});

describe('freed', () => {
  test('a store without a probe that keeps no objects cannot be judged, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-probe-'));
    dirs.push(dir);
    const file = join(dir, 'probeless.ts');
    writeFileSync(
      file,
      `export function createStore() {
        const m = new Map();
        return { get: (s, cb) => cb(null, m.get(s)), set: (s, v, cb) => { m.set(s, v); cb?.(null); }, destroy: (s, cb) => { m.delete(s); cb?.(null); } };
      }\n`,
    );
    const violation = await runStoreCase({ store: file, steps: [] }, STORE_INVARIANTS.freed);
    expect(violation?.message).toMatch(/cannot judge .*probeless\.ts: it offers no retainedSessionIds\(\) probe/);
  });

  test('WeakRef + gc(): objects a store hides from its own probe are found', async () => {
    const steps: StoreStep[] = [
      { op: 'set', sid: 0, maxAgeSeconds: 5 },
      { op: 'destroy', sid: 0 },
    ];
    const leaky = await runStoreCase(
      { store: './tests/stores/fixtures/hiddenLeakStore.ts', steps },
      STORE_INVARIANTS.freed,
    );
    expect(leaky?.message).toMatch(/the session objects of 1 dead session\(s\) survived gc\(\) .*: sid-0$/);
    const sound = await runStoreCase(
      { store: './tests/stores/fixtures/objectMapStore.ts', steps },
      STORE_INVARIANTS.freed,
    );
    expect(sound).toBeUndefined();
  });
});

describe('store counterexamples', () => {
  test('are plain data: written, read back and replayed to the same failure', async () => {
    const result = await checkStoreInvariant({ store: 'express-memory', invariant: 'freed', numRuns: 50, seed: 7 });
    expect(result.counterexample).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'store-cx-'));
    dirs.push(dir);
    const file = writeStoreCounterexample(dir, result.counterexample as NonNullable<typeof result.counterexample>);
    expect(readdirSync(dir)).toEqual(['store-express-memory-freed-7.json']);
    const read = readStoreCounterexample(file);
    expect(read).toEqual(result.counterexample);
    const replayed = await runStoreCase(
      { store: read.store, steps: read.steps, concurrency: read.concurrency },
      STORE_INVARIANTS[read.invariant],
    );
    expect(replayed).toEqual(read.failure);
  });

  test('a file that is not one is refused with the field at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-cx-'));
    dirs.push(dir);
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ format: 'store-counterexample', version: 1, steps: [{ op: 'advance', ms: 1_500 }] }),
    );
    expect(() => readStoreCounterexample(file)).toThrow(StoreCounterexampleFileError);
  });
});
