import { describe, expect, test } from 'vitest';
import { checkStoreInvariant } from '../../src/harness/store/checkStoreInvariant.js';
import { assertStoreInvariantHolds } from './support/storeProperty.js';

// The custom-store path end to end: one module file, judged like the built-in stores,
// with the heap-level check for a store that keeps the objects it is handed.
describe('custom store modules', () => {
  test('a Map of session objects with a one-second sweep: conformance and freed hold', async () => {
    const store = './tests/stores/fixtures/objectMapStore.ts';
    expect((await assertStoreInvariantHolds({ store, invariant: 'conformance' })).passed).toBe(true);
    // Each freed case collects garbage; fewer runs keep the file quick.
    expect((await assertStoreInvariantHolds({ store, invariant: 'freed' }, 25)).runsExecuted).toBe(25);
  });

  test('a store whose destroy() keeps the object aside fails freed through WeakRef + gc()', async () => {
    const result = await checkStoreInvariant({
      store: './tests/stores/fixtures/hiddenLeakStore.ts',
      invariant: 'freed',
      numRuns: 25,
      seed: 1,
    });
    expect(result.passed).toBe(false);
    expect(result.counterexample?.steps.length).toBe(2);
    expect(result.counterexample?.failure.message).toMatch(
      /the session objects of 1 dead session\(s\) survived gc\(\).*: sid-0$/,
    );
  });
});
