import { describe, expect, test } from 'vitest';
import { assertStoreHolds, checkStore } from '../../tests/stores/support/storeCase.js';

// The custom-store path end to end: one module file, judged like the built-in stores,
// with the heap-level check for a store that keeps the objects it is handed.
describe('custom store modules', () => {
  test('a Map of session objects with a one-second sweep: conformance and freed hold', async () => {
    const store = './tests/stores/fixtures/objectMapStore.ts';
    expect((await assertStoreHolds(store, 'conformance')).verdict).toBe('holds');
    // A verdict needs 100 cases; each freed case collects garbage, so no more than that.
    expect((await assertStoreHolds(store, 'freed', 100)).runsExecuted).toBe(100);
  });

  test('a store whose destroy() keeps the object aside fails freed through WeakRef + gc()', async () => {
    const result = await checkStore('./tests/stores/fixtures/hiddenLeakStore.ts', 'freed', { numRuns: 25, seed: 1 });
    expect(result.verdict).toBe('broken');
    expect(result.counterexample?.failure.message).toMatch(
      /the session objects of 1 dead session\(s\) survived 3 full collections.*: sid-\d$/,
    );
  });
});
