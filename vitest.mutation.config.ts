import { configDefaults, defineConfig } from 'vitest/config';
import { PropertyFileSequencer } from './properties/support/mutation/PropertyFileSequencer.js';

// The tests of a mutation run (stryker.config.mjs): the property suite alone, properties/:
// one file per invariant, the coverage targets, the regressions, the self-check (every
// fault profile is caught: it pins the fault flags' code in src/session) and the tests
// that break each invariant by hand. properties/stores/ tests the express-session stores,
// which src/session is not part of, so it stays out.
export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'properties/stores/**'],
    // Stryker's vitest runner runs worker threads; a thread cannot take --expose-gc itself
    // but gets gc() from its process, which Stryker starts with it.
    pool: 'threads',
    setupFiles: ['properties/support/mutation/setup.ts'],
    sequence: { sequencer: PropertyFileSequencer },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
