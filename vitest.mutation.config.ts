import { configDefaults, defineConfig } from 'vitest/config';
import { PropertyFileSequencer } from './properties/support/mutation/PropertyFileSequencer.js';

// The tests of a mutation run (stryker.config.mjs): the router's property suite alone, one
// file per invariant, the coverage targets and the regressions. selfCheck and
// invariantsCanFail test the suite itself (a fault profile is caught, an invariant can
// fail), and properties/stores/ tests the express-session stores: none judges src/session
// under the fixed profile, so they stay out.
export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      'properties/selfCheck.test.ts',
      'properties/invariantsCanFail.test.ts',
      'properties/stores/**',
    ],
    // Stryker's vitest runner runs worker threads; a thread cannot take --expose-gc itself
    // but gets gc() from its process, which Stryker starts with it.
    pool: 'threads',
    setupFiles: ['properties/support/mutation/setup.ts'],
    sequence: { sequencer: PropertyFileSequencer },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
