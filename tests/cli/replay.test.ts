import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

describe('npm run replay', () => {
  test('reproduces a written failure ten times out of ten, and holds under fixed', () => {
    const reports = temporaryReportsDir();
    const found = runCli(
      'src/cli/props.ts',
      ['--profile', 'pre-2670', '--property', 'bounded', '--runs', '100', '--seed', '11'],
      reports,
    );
    expect(found.status).toBe(1);
    const file = join(reports, 'counterexamples', 'bounded-pre-2670-11.json');
    const outputs = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const run = runCli('src/cli/replay.ts', [file], reports);
      expect(run.status).toBe(1);
      outputs.add(run.stdout);
    }
    expect(outputs.size, 'every replay prints the same steps and states').toBe(1);
    expect([...outputs][0]).toContain('bounded');
    expect(runCli('src/cli/replay.ts', [file, '--profile', 'fixed'], reports).status).toBe(0);
  });

  test('a missing, corrupt or foreign file exits 2 with a message, not a stack trace', () => {
    const reports = temporaryReportsDir();
    const corrupt = join(reports, 'corrupt.json');
    writeFileSync(corrupt, '{"format": "session-sync-counterexample", "version": 1, "steps": 3}');
    const foreign = join(reports, 'package.json');
    writeFileSync(foreign, '{"name": "something else"}');
    const notJson = join(reports, 'notes.txt');
    writeFileSync(notJson, 'hello');
    for (const [file, expected] of [
      [join(reports, 'missing.json'), 'cannot read it'],
      [corrupt, 'corrupt counterexample'],
      [foreign, 'not a counterexample file'],
      [notJson, 'not JSON'],
    ] as const) {
      const run = runCli('src/cli/replay.ts', [file], reports);
      expect(run.status, file).toBe(2);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
