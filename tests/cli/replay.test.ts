import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HEAP_VERDICT_NODE_FLAGS } from '../../src/child/nodeFlags.js';
import {
  CounterexampleFileError,
  formatReplay,
  readCounterexampleFile,
  replayCounterexample,
} from '../../src/harness/index.js';
import { REPO_ROOT, runCli, temporaryReportsDir } from '../support/runCli.js';

describe('npm run replay', () => {
  test('reproduces a written failure, the same ten times out of ten, and holds under fixed', async () => {
    const reports = temporaryReportsDir();
    const found = runCli(
      'props',
      ['--profile', 'pre-2670', '--property', 'bounded', '--runs', '100', '--seed', '11'],
      reports,
    );
    expect(found.status).toBe(1);
    const file = join(reports, 'counterexamples', 'bounded-pre-2670-11.json');
    const run = runCli('replay', [file], reports);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('BROKEN: bounded');
    expect(run.stdout).toContain('reproduced: same invariant, entry and message as recorded');
    expect(run.stdout).toContain('columns after "|"');
    // The same replay in this process, nine more times: every run prints the same steps and states.
    const { counterexample, system } = readCounterexampleFile(file);
    const outputs = new Set([run.stdout.trimEnd()]);
    for (let i = 0; i < 9; i++) {
      outputs.add(formatReplay(system, counterexample, await replayCounterexample(system, counterexample)));
    }
    expect(outputs.size, 'every replay prints the same steps and states').toBe(1);
    expect(runCli('replay', [file, '--profile', 'fixed'], reports).status).toBe(0);
  });

  test('a long replay reaches a pipe whole: the command waits for its output before it exits', () => {
    const reports = temporaryReportsDir();
    const found = runCli(
      'props',
      ['--profile', 'no-last-chunk', '--property', 'progress', '--runs', '100', '--seed', '1'],
      reports,
    );
    expect(found.status).toBe(1);
    const file = join(reports, 'counterexamples', 'progress-no-last-chunk-1.json');
    expect(runCli('replay', [file], reports).stdout.length, 'more than a pipe holds').toBeGreaterThan(128 * 1024);
    // As a person would page it: through a shell pipe, whose reader is slower than the writer.
    const node = [process.execPath, ...HEAP_VERDICT_NODE_FLAGS, '--import', 'tsx', 'src/cli/main.ts', 'replay', file];
    const piped = spawnSync('sh', ['-c', `${node.map((arg) => `'${arg}'`).join(' ')} | tail -n 1`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(piped.stdout).toBe('reproduced: same invariant, entry and message as recorded\n');
  });

  test('a missing, corrupt, oversized or foreign file exits 2 with a message, not a stack trace', () => {
    const reports = temporaryReportsDir();
    const corrupt = join(reports, 'corrupt.json');
    writeFileSync(corrupt, '{"format": "session-sync-counterexample", "version": 2, "steps": 3}');
    const foreign = join(reports, 'package.json');
    writeFileSync(foreign, '{"name": "something else"}');
    const notJson = join(reports, 'notes.txt');
    writeFileSync(notJson, 'hello');
    const huge = join(reports, 'huge.json');
    writeFileSync(huge, `{"format": "session-sync-counterexample", "pad": "${'x'.repeat(1_100_000)}"}`);
    const cases = [
      [join(reports, 'missing.json'), 'cannot read it'],
      [corrupt, 'corrupt counterexample'],
      [foreign, 'not a counterexample file'],
      [notJson, 'not JSON'],
      [huge, 'a counterexample file is at most 1,048,576 bytes'],
    ] as const;
    for (const [file, expected] of cases) {
      expect(() => readCounterexampleFile(file), file).toThrow(CounterexampleFileError);
      expect(() => readCounterexampleFile(file), file).toThrow(expected);
    }
    // The command turns each into exit 2 and one line; shown on one of them, the same path for all.
    const run = runCli('replay', [huge], reports);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^replay: .*a counterexample file is at most 1,048,576 bytes/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a well-formed file past a limit exits 2 at once, naming the limit', () => {
    const reports = temporaryReportsDir();
    const valid = JSON.parse(readFileSync(join(REPO_ROOT, 'properties/regressions/freed-no-release-7.json'), 'utf8'));
    const variants: [string, object, RegExp][] = [
      ['a billion sessions in one step', { steps: [{ op: 'create', count: 1_000_000_000 }] }, /steps\b.*100/],
      [
        'more steps than a router schedule holds',
        { steps: Array.from({ length: 1_001 }, () => ({ op: 'run', pick: 0 })) },
        /1,?001 steps; a router counterexample holds at most 1,?000/,
      ],
      ['a seed fast-check would fold', { seed: 2 ** 32 }, /seed/],
      ['a chunk size past the model', { params: { ...valid.params, chunkSize: 1e9 } }, /chunkSize/],
    ];
    for (const [what, change, expected] of variants) {
      const file = join(reports, `${what.replaceAll(' ', '-')}.json`);
      writeFileSync(file, JSON.stringify({ ...valid, ...change }));
      expect(() => readCounterexampleFile(file), what).toThrow(CounterexampleFileError);
      expect(() => readCounterexampleFile(file), what).toThrow(expected);
    }
    // Refused on reading (exit 2), not after running out of memory (134).
    const run = runCli('replay', [join(reports, 'a-billion-sessions-in-one-step.json')], reports);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^replay: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
