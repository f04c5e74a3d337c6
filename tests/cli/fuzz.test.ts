import { describe, expect, test } from 'vitest';
import { temporaryReportsDir as reportsDir, runCli } from '../support/runCli.js';

describe('npm run fuzz', () => {
  test('bad flags exit 2 with the reason and the usage', () => {
    const reports = reportsDir();
    for (const args of [
      ['--messages', '0'],
      ['--messages', '10', '--profile', 'nope'],
      ['--messages', '10', '--seed', 'x'],
      ['--bogus'],
    ]) {
      const run = runCli('fuzz', args, reports);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^fuzz: .+ \(npm run fuzz -- --help lists every option\)\n$/);
    }
  });

  test('a clean run under every profile exits 0 and prints the table', () => {
    const run = runCli('fuzz', ['--messages', '200', '--profile', 'all', '--seed', '3'], reportsDir());
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\| fixed +\| 200 +\| 0 \(0 handler, 0 receive, 0 task\)/);
    expect(run.stdout).toMatch(/\| upstream-races +\| 200 /);
    expect(run.stdout).toContain('malformed-envelope');
    expect(run.stdout).toMatch(/\nPASS\n$/);
  });
});
