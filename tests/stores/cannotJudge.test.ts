import { describe, expect, test } from 'vitest';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

// A verdict that cannot judge says so: inconclusive, not a finding about the store.
describe('a store freed cannot see into', () => {
  test('props: conformance judged, freed INCONCLUSIVE naming the export that would let it judge; exit 2', () => {
    const reports = temporaryReportsDir();
    const run = runCli(
      'props',
      ['--store', './tests/stores/fixtures/plainProbelessStore.mjs', '--runs', '100', '--seed', '1'],
      reports,
    );
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/PASS conformance .* holds over 100 cases/);
    expect(run.stdout).toMatch(
      /INCONCLUSIVE freed .*: inconclusive: freed cannot judge .*plainProbelessStore\.mjs .*Export retainedSessionIds\(store\)/,
    );
    expect(run.stdout).not.toMatch(/FAIL/);
  });
});

describe('a store whose PostgreSQL cannot start', () => {
  test('props: exit 2 with the package to install, no verdict on the store', () => {
    const reports = temporaryReportsDir();
    const run = runCli('props', ['--store', 'connect-pg-simple', '--runs', '100', '--seed', '1'], reports, {
      POSTGRES_BIN_DIR: reports,
    });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/PostgreSQL is not installed .*: apt-get install postgresql/);
    expect(run.stdout).not.toMatch(/FAIL|PASS/);
  });
});
