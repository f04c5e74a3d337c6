import { rmSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

describe('npm run fuzz', () => {
  const made: string[] = [];
  const reportsDir = () => {
    const dir = temporaryReportsDir();
    made.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('bad flags exit 2 with the reason and the usage', () => {
    const reports = reportsDir();
    for (const args of [
      [],
      ['--messages', '0'],
      ['--messages', '10', '--profile', 'nope'],
      ['--messages', '10', '--seed', 'x'],
      ['--bogus'],
    ]) {
      const run = runCli('src/cli/fuzz.ts', args, reports);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: npm run fuzz');
    }
  });

  test('a clean run under every profile exits 0 and prints the table', () => {
    const run = runCli('src/cli/fuzz.ts', ['--messages', '200', '--profile', 'all', '--seed', '3'], reportsDir());
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\| fixed +\| 200 +\| 0 \(0 handler, 0 receive, 0 task\)/);
    expect(run.stdout).toMatch(/\| upstream-races +\| 200 /);
    expect(run.stdout).toContain('malformed-envelope');
    expect(run.stdout).toMatch(/\nPASS\n$/);
  });
});
