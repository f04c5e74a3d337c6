import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../src/repoRoot.js';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

const FIXTURES = './tests/stores/fixtures';

describe('your own store module on the command line', () => {
  test('a module that is no store exits 2 at once with its own error, and no counterexample is written', () => {
    const reports = temporaryReportsDir();
    const run = runCli('props', ['--store', `${FIXTURES}/noFactory.ts`, '--runs', '100', '--seed', '1'], reports);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^props: cannot load store ".\/tests\/stores\/fixtures\/noFactory.ts": /);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(join(reports, 'counterexamples'))).toBe(false);
  });

  test('a leak found in your store replays against it, and passes against a store without it', () => {
    const reports = temporaryReportsDir();
    const store = `${FIXTURES}/hiddenLeakStore.ts`;
    const found = runCli('props', ['--store', store, '--property', 'freed', '--runs', '100', '--seed', '1'], reports);
    expect(found.status, found.stderr).toBe(1);
    const [file] = readdirSync(join(reports, 'counterexamples'));
    expect(file).toBeDefined();
    const path = join(reports, 'counterexamples', file as string);
    expect(runCli('replay', [path], reports).status).toBe(1);
    expect(runCli('replay', [path, '--store', store], reports).status).toBe(1);
    expect(runCli('replay', [path, '--store', `${FIXTURES}/objectMapStore.ts`], reports).status).toBe(0);
    const unknown = runCli('replay', [path, '--store', 'no-such-store'], reports);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown store "no-such-store"/);
  });

  test('a store that keeps the objects it is handed passes freed after conformance has warmed the compiler', () => {
    // With the optimizing compiler on a background thread, this run failed every time
    // (a compile job held a store call's closure, and a dead session with it): 6 of 6
    // runs. With the compiler on the main thread, 24 of 24 passed.
    const reports = temporaryReportsDir();
    const store = `${FIXTURES}/objectMapStore.ts`;
    const run = runCli('props', ['--store', store, '--runs', '300', '--seed', '20250114'], reports);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/PASS conformance .* holds over 300 cases/);
    expect(run.stdout).toMatch(/PASS freed .* holds over 300 cases/);
  });

  test('a heap-level check in a process without the flags for it exits 2 naming the missing one', () => {
    const reports = temporaryReportsDir();
    const args = ['--store', `${FIXTURES}/objectMapStore.ts`, '--property', 'freed', '--runs', '100', '--seed', '1'];
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/cli/main.ts', 'props', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, REPORTS_DIR: reports },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/a heap-level check needs node --no-concurrent-recompilation/);
    expect(run.stdout).not.toMatch(/PASS/);
  });
});
