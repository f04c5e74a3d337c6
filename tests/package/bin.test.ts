// The package's bin, run from this repository: what tests/package/packedInstall.test.ts
// checks from an installed copy (`npm run test:package`), in seconds, inside `npm test`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../src/repoRoot.js';
import { temporaryReportsDir } from '../support/runCli.js';

const BIN = join(REPO_ROOT, 'bin/session-sync-harness.mjs');

function bin(args: readonly string[], reportsDir = temporaryReportsDir()) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, REPORTS_DIR: reportsDir, NIGHTLY_RUNS: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('bin/session-sync-harness.mjs', () => {
  test('gives the command the node flags heap verdicts need: freed judges a store that keeps its objects', () => {
    // Without --no-concurrent-recompilation this run exits 2 naming the flag (tests/cli/customStore.test.ts).
    const store = './tests/stores/fixtures/objectMapStore.ts';
    const run = bin(['props', '--store', store, '--property', 'freed', '--runs', '100', '--seed', '1']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^PASS freed against \.\/tests\/stores\/fixtures\/objectMapStore\.ts: holds over 100 cases/m,
    );
  });

  test('names commands as the bin runs them, and refuses the ones that need the repository', () => {
    const help = bin(['soak', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: session-sync-harness soak \[options\]/m);
    const other = bin(['bench']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/unknown command "bench"; expected one of props, soak, replay/);
  });
});
