// The layers of the project, as rules `npm test` checks (npm run layers). Each rule's
// comment is the sentence the README's layer list prints (npm run docs writes it there).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No module imports itself through others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'runtime-stands-alone',
      severity: 'error',
      comment: '`src/runtime` (time and tasks) imports nothing of the project: it knows nothing of sessions.',
      from: { path: '^src/runtime/' },
      to: { path: '^(src|soak|bench)/', pathNot: '^src/runtime/' },
    },
    {
      name: 'faults-and-errors-are-leaves',
      severity: 'error',
      comment: '`src/faults.ts` and `src/errors.ts` import nothing of the project but `src/errors.ts`.',
      from: { path: '^src/(faults|errors)\\.ts$' },
      to: { path: '^(src|soak|bench)/', pathNot: '^src/errors\\.ts$' },
    },
    {
      name: 'session-imports-runtime-and-faults-only',
      severity: 'error',
      comment: '`src/session` (the router under test) imports only `src/runtime` and `src/faults.ts`.',
      from: { path: '^src/session/' },
      to: { path: '^(src|soak|bench)/', pathNot: '^src/(session/|runtime/|faults\\.ts$)' },
    },
    {
      name: 'systems-under-test-know-no-test-tools',
      severity: 'error',
      comment: '`src/session` and `src/stores` know nothing of fast-check, memlab, vitest or zod.',
      from: { path: '^src/(session|stores)/' },
      to: { path: 'node_modules/(fast-check|@memlab|memlab|vitest|zod)/' },
    },
    {
      name: 'stores-import-errors-only',
      severity: 'error',
      comment: '`src/stores` (express-session stores under test) imports only `src/errors.ts` of the project.',
      from: { path: '^src/stores/' },
      to: { path: '^(src|soak|bench)/', pathNot: '^src/(stores/|errors\\.ts$)' },
    },
    {
      name: 'reports-and-child-are-infrastructure',
      severity: 'error',
      comment:
        '`src/reports` (report files and their schemas) and `src/child` (jobs in child processes) import only `src/errors.ts`, `src/faults.ts` and `src/repoRoot.ts` of the project.',
      from: { path: '^src/(reports|child)/' },
      to: { path: '^(src|soak|bench)/', pathNot: '^src/(reports/|child/|errors\\.ts$|faults\\.ts$|repoRoot\\.ts$)' },
    },
    {
      name: 'engine-knows-no-system',
      severity: 'error',
      comment:
        '`src/harness/engine` (the model-based engine) knows no system: not the router, not the stores, nor their harness parts.',
      from: { path: '^src/harness/engine/' },
      to: { path: '^src/(session|stores|runtime)/|^src/harness/(router|store)/|^src/harness/systems\\.ts$' },
    },
    {
      name: 'harness-has-one-front-door',
      severity: 'error',
      comment:
        'Code outside `src/harness` uses the harness through `src/harness/index.ts` alone; inside, modules import each other directly.',
      from: { path: '^(src|soak|bench|properties)/', pathNot: '^src/harness/' },
      to: { path: '^src/harness/', pathNot: '^src/harness/index\\.[jt]s$' },
    },
    {
      name: 'harness-stays-below-its-users',
      severity: 'error',
      comment: '`src/harness` imports none of `soak/`, `bench/`, `src/jobs`, `src/nightly`, `src/site` or `src/cli`.',
      from: { path: '^src/harness/' },
      to: { path: '^(soak|bench)/|^src/(jobs|nightly|site|cli)/' },
    },
    {
      name: 'soak-and-bench-stay-below-jobs',
      severity: 'error',
      comment:
        '`soak/` and `bench/` use the harness; they import none of `src/jobs`, `src/nightly`, `src/site` or `src/cli`.',
      from: { path: '^(soak|bench)/' },
      to: { path: '^src/(jobs|nightly|site|cli)/' },
    },
    {
      name: 'site-reads-reports-only',
      severity: 'error',
      comment:
        '`src/site` (the report page) reads report files through the harness; it imports none of `soak/`, `bench/`, `src/jobs`, `src/nightly` or `src/cli`.',
      from: { path: '^src/site/' },
      to: { path: '^(soak|bench)/|^src/(jobs|nightly|cli)/' },
    },
    {
      name: 'jobs-below-nightly-and-cli',
      severity: 'error',
      comment: '`src/jobs` (one typed function per job) imports neither `src/nightly` nor `src/cli`.',
      from: { path: '^src/jobs/' },
      to: { path: '^src/(nightly|cli)/' },
    },
    {
      name: 'nightly-below-cli',
      severity: 'error',
      comment: '`src/nightly` calls the same jobs as the commands, never a command.',
      from: { path: '^src/nightly/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      comment: 'Nothing imports `src/cli` (the commands) but `src/cli` itself and the tests.',
      from: { path: '^(src|soak|bench|properties)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: { path: '^(src|soak|bench|properties|node_modules)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
