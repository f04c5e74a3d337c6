import { rmSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

describe('npm run bench', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('bad flags exit 2 with the reason and the usage, before measuring anything', () => {
    const reports = temporaryReportsDir();
    made.push(reports);
    for (const [args, reason] of [
      [['--profile', 'nope'], 'unknown profile "nope"'],
      [['--update-baseline', '--profile', 'slow-remove-missing'], "a baseline is the fixed router's"],
      [['--bogus'], "Unknown option '--bogus'"],
      [['quick'], 'unexpected argument "quick"'],
    ] as const) {
      const run = runCli('src/cli/bench.ts', args, reports);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(reason);
      expect(run.stderr).toContain('Usage: npm run bench');
    }
  });

  test('--help names the self-test profile', () => {
    const reports = temporaryReportsDir();
    made.push(reports);
    const run = runCli('src/cli/bench.ts', ['--help'], reports);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('slow-remove-missing is the self-test and must exit 1');
  });
});
