import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
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
});
