import { describe, expect, test } from 'vitest';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

describe('npm run bench', () => {
  test('bad flags exit 2 with one line of reason, before measuring anything', () => {
    const reports = temporaryReportsDir();
    for (const [args, reason] of [
      [['--profile', 'nope'], 'unknown fault profile "nope"'],
      [['--update-baseline', '--profile', 'slow-remove-missing'], "a baseline is the fixed router's"],
      [['--bogus'], "unknown option '--bogus'"],
      [['quick'], 'too many arguments'],
    ] as const) {
      const run = runCli('bench', args, reports);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(reason);
      expect(run.stderr).toMatch(/\(npm run bench -- --help lists every option\)\n$/);
    }
  });

  test('--help names the self-test profile', () => {
    const run = runCli('bench', ['--help'], temporaryReportsDir());
    expect(run.status).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('slow-remove-missing is the self-test and must exit 1');
  });
});
