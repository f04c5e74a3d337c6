import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/harness/repoRoot.js';

export { REPO_ROOT };

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one of the project's commands as `npm run` would, with reports in `reportsDir`. */
export function runCli(script: string, args: readonly string[], reportsDir: string): CliRun {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, REPORTS_DIR: reportsDir, NIGHTLY_RUNS: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function temporaryReportsDir(): string {
  return mkdtempSync(join(tmpdir(), 'sync-harness-reports-'));
}
