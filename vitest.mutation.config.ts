import { defineConfig } from 'vitest/config';

// The tests of a mutation run (stryker.config.mjs): one file that imports the property
// suite, properties/support/mutation/propertySuite.ts, which says what is in and why.
export default defineConfig({
  test: {
    include: ['properties/support/mutation/propertySuite.ts'],
    // Stryker's vitest runner runs worker threads; a thread cannot take node flags itself
    // but inherits its process's, which Stryker starts with the heap-level checks' flags.
    pool: 'threads',
    setupFiles: ['properties/support/mutation/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
