import { describe, expect, test } from 'vitest';
import { createStoreSystem, missedCoverage, RACES } from '../../src/harness/index.js';
import { checkStore } from './support/storeCase.js';

// The races the stores' own bug reports are about, reached by generated concurrent steps.
describe('store cases reach the races', () => {
  test('two saves of one new session, a save beside a destroy, and a sweep beside a touch of an expired session', async () => {
    const result = await checkStore('express-memory', 'conformance', { numRuns: 400, seed: 1 });
    expect(result.verdict).toBe('holds');
    for (const race of Object.values(RACES)) expect(result.coverage.hits[race], race).toBeGreaterThan(0);
    expect(missedCoverage(result.coverage, createStoreSystem().coverageTargets)).toEqual([]);
  });
});
