import { defineConfig } from 'vitest/config';

// `npm run test:package`: the packed package installed in a fresh project and run there
// (tests/package/packedInstall.test.ts). An npm install takes most of its minutes, so it
// is kept out of `npm test`; CI runs it after `npm test` (.ci/run).
export default defineConfig({
  test: {
    include: ['tests/package/packedInstall.test.ts'],
    pool: 'forks',
    // The same temp-folder check as `npm test`: the run must leave nothing behind.
    globalSetup: ['tests/support/tempRootSetup.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
