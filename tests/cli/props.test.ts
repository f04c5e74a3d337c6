import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

describe('npm run props', () => {
  test('bad flags exit 2 with the reason and the usage', () => {
    const reports = temporaryReportsDir();
    for (const args of [
      ['--profile', 'nope'],
      ['--runs', '0'],
      ['--seed', 'x'],
      ['--seed', '99999999999999999999'],
      ['--seed', '4294967296'],
      ['--runs', '1.5'],
      ['--property', 'speed'],
      ['--bogus'],
      ['--profile', 'fixed', '--store', 'memorystore'],
      ['--store', 'no-such-store'],
    ]) {
      const run = runCli('props', args, reports);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^props: .+ \(npm run props -- --help lists every option\)\n$/);
    }
  });

  test('a holding profile exits 0 and writes no counterexample', () => {
    const reports = temporaryReportsDir();
    const run = runCli(
      'props',
      ['--profile', 'fixed', '--property', 'bounded', '--runs', '100', '--seed', '1'],
      reports,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/PASS bounded against fixed: holds over 100 cases/);
  });

  test('a promise held over fewer cases than a verdict needs is inconclusive, exit 2', () => {
    const reports = temporaryReportsDir();
    const run = runCli('props', ['--profile', 'fixed', '--property', 'bounded', '--runs', '1', '--seed', '1'], reports);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(
      /INCONCLUSIVE bounded against fixed: held over only 1 case\(s\) in .+; a verdict needs 100: inconclusive/,
    );
  });

  test('a failing property exits 1, writes its counterexample and prints its path and replay command', () => {
    const reports = temporaryReportsDir();
    const run = runCli(
      'props',
      ['--profile', 'no-release', '--property', 'freed', '--runs', '50', '--seed', '3'],
      reports,
    );
    expect(run.status).toBe(1);
    expect(readdirSync(join(reports, 'counterexamples'))).toEqual(['freed-no-release-3.json']);
    expect(run.stdout).toContain('freed-no-release-3.json');
    expect(run.stdout).toContain('replay: npm run replay --');
  });
});
