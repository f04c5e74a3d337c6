import { spawnSync } from 'node:child_process';
import { HEAP_VERDICT_NODE_FLAGS } from '../../src/child/nodeFlags.js';
import { REPO_ROOT } from '../../src/repoRoot.js';
import { temporaryDir } from './tempDir.js';

export { REPO_ROOT };

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one of the project's commands as `npm run <command>` would, with reports in `reportsDir`. */
export function runCli(
  command: string,
  args: readonly string[],
  reportsDir: string,
  env: NodeJS.ProcessEnv = {},
): CliRun {
  const result = spawnSync(
    process.execPath,
    [...HEAP_VERDICT_NODE_FLAGS, '--import', 'tsx', 'src/cli/main.ts', command, ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, REPORTS_DIR: reportsDir, NIGHTLY_RUNS: '', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A reports folder of its own for one test, removed when its file ends. */
export function temporaryReportsDir(): string {
  return temporaryDir('sync-harness-reports-');
}
