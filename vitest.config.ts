import { configDefaults, defineConfig } from 'vitest/config';
import { HEAP_VERDICT_NODE_FLAGS } from './src/child/nodeFlags.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'properties/**/*.test.ts'],
    // Minutes of npm install: `npm run test:package` (vitest.package.config.ts) runs it.
    exclude: [...configDefaults.exclude, 'tests/package/packedInstall.test.ts'],
    // Forks so that every test file can take the heap-level checks' node flags.
    pool: 'forks',
    // Both cores: vitest's default leaves one idle on a 2-core machine, and npm test then
    // takes over 5 minutes. Heap verdicts rest on collections, not on time, so a
    // neighbouring file moves none of them.
    maxWorkers: 2,
    execArgv: [...HEAP_VERDICT_NODE_FLAGS],
    // A temp folder for the whole run, checked empty and removed at the end.
    globalSetup: ['tests/support/tempRootSetup.ts'],
    // After vitest's summary, why anything was skipped (only SKIP_SYSTEM_PACKAGES skips tests).
    reporters: ['default', './tests/support/skipSummaryReporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
