import { fileURLToPath } from 'node:url';

/**
 * The package's own folder: the repository, or `node_modules/session-sync-harness` in a
 * project that installed it. Package resources are found from here (the benchmark
 * baseline, the repository's docs and regressions); the user's files (a store module,
 * reports, counterexamples) are found from the working folder.
 */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
