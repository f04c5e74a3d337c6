// Mutation testing of the router (src/session) against the property suite.
// `npm run mutate` (src/jobs/mutation/runMutation.ts) adds the report paths, the incremental
// file, the concurrency and the property budget; `npx stryker run` with this file alone
// works too, at the CI budget.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'src/session/**/*.ts',
    // Text for task labels, traces and error details only; no code acts on what they return.
    '!src/session/describeMessage.ts',
    '!src/session/describeThrown.ts',
  ],
  // Text inside the mutated files (error details, labels, reasons) is reported as ignored,
  // each mutant with its reason: properties/support/mutation/textIgnorer.mjs.
  appendPlugins: ['./properties/support/mutation/textIgnorer.mjs'],
  ignorers: ['text'],
  testRunner: 'vitest',
  // The properties reach src/session only through src/harness: vitest's related-file lookup finds none.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // The heap-level checks' flags (HEAP_VERDICT_NODE_FLAGS); vitest's worker threads inherit them.
  testRunnerNodeArgs: ['--expose-gc', '--no-concurrent-recompilation'],
  coverageAnalysis: 'perTest',
  // A mutant that loops is stopped by the hit limit long before this; the margin keeps a
  // slow case on a busy machine from turning a survivor into a timeout, which counts as detected.
  timeoutFactor: 3,
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: 'reports/mutation/incremental/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // The score per file only: `npm run mutate` prints the survivors itself.
  clearTextReporter: { reportMutants: false, reportTests: false },
  htmlReporter: { fileName: 'reports/mutation/latest/index.html' },
  jsonReporter: { fileName: 'reports/mutation/latest/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // Output and what no property imports need not be copied into the sandbox.
  ignorePatterns: ['/reports', '/soak', '/bench', '/tests', '/.github', '**/*.heapsnapshot'],
};
