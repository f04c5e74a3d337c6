import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { assertPropertyHolds } from '../../properties/support/assertPropertyHolds.js';
import type { PropertyResult } from '../../src/harness/index.js';
import { routerSystem, storeSystem } from '../../src/harness/index.js';
import { checkProperties, checkRunExitCode, outcomeOf, verdictLines } from '../../src/jobs/checkProperties.js';
import { temporaryDir } from '../support/tempDir.js';

function result(verdict: PropertyResult['verdict'], timeLimited: boolean, runsExecuted = 40): PropertyResult {
  return {
    system: 'router',
    target: 'no-release',
    property: 'freed',
    seed: 1,
    verdict,
    runsRequested: 1_000,
    runsExecuted,
    numShrinks: 0,
    durationMs: 1_000,
    timeLimited,
    coverage: { cases: runsExecuted, hits: {} },
  };
}

describe('the one property-check loop', () => {
  test('a promise held over fewer cases than a verdict needs is inconclusive, even when that was all asked for', () => {
    expect(outcomeOf(result('holds', false, 99), 'holds')).toBe('inconclusive');
    expect(outcomeOf(result('holds', true, 40), 'holds')).toBe('inconclusive');
  });

  test('a fault not found is a failure only when every case asked for ran', () => {
    expect(outcomeOf(result('holds', false), 'caught')).toBe('fail');
    expect(outcomeOf(result('holds', true), 'caught')).toBe('inconclusive');
    expect(outcomeOf(result('broken', true), 'caught')).toBe('pass');
    expect(outcomeOf(result('holds', true, 100), 'holds')).toBe('pass');
    expect(outcomeOf(result('holds', false, 100), 'holds')).toBe('pass');
    expect(outcomeOf(result('broken', false), 'holds')).toBe('fail');
    expect(outcomeOf(result('inconclusive', true), 'holds')).toBe('inconclusive');
  });

  test('a broken promise writes its counterexample, reports it with its replay command, and exits 1', async () => {
    const dir = temporaryDir('check-loop-');
    const lines: string[] = [];
    const run = await checkProperties(
      [
        { system: routerSystem, property: 'bounded', target: 'fixed', seed: 1, runs: 100 },
        { system: routerSystem, property: 'freed', target: 'no-release', seed: 3, runs: 50 },
      ],
      { counterexampleDir: dir, report: (line) => lines.push(line) },
    );
    expect(run.checked.map((c) => c.outcome)).toEqual(['pass', 'fail']);
    expect(readdirSync(dir)).toEqual(['freed-no-release-3.json']);
    expect(lines[0]).toMatch(/^PASS bounded against fixed: holds over 100 cases in .+ \[seed 1\]$/);
    expect(lines[1]).toMatch(/^FAIL freed against no-release: broken after \d+ case\(s\)/);
    expect(lines.some((line) => line.includes('replay: npm run replay --'))).toBe(true);
    expect(run.coverage.map((c) => [c.system, c.target, c.judged])).toEqual([
      ['router', 'fixed', false],
      ['router', 'no-release', false],
    ]);
    expect(checkRunExitCode(run)).toBe(1);
  });

  test('a caught fault passes and writes nothing without a folder; a deadline already past leaves every check out', async () => {
    const run = await checkProperties([
      { system: routerSystem, property: 'freed', target: 'no-release', seed: 3, runs: 50, expect: 'caught' },
    ]);
    expect(run.checked[0]?.outcome).toBe('pass');
    expect(run.checked[0] && verdictLines(run.checked[0])).toEqual([
      expect.stringMatching(/^CAUGHT freed against no-release: broken after \d+ case\(s\)/),
    ]);
    expect(run.checked[0]?.file).toBeUndefined();
    expect(run.coverage).toEqual([]);
    expect(checkRunExitCode(run)).toBe(0);

    const late = await checkProperties(
      [{ system: routerSystem, property: 'bounded', target: 'fixed', seed: 1, runs: 100 }],
      { deadline: performance.now() },
    );
    expect(late.checked).toEqual([]);
    expect(late.leftOut.map((c) => c.property)).toEqual(['bounded']);
    expect(checkRunExitCode(late)).toBe(2);
  });

  test('the vitest support fails a broken property with the same verdict lines', async () => {
    const reports = temporaryDir('check-loop-reports-');
    const previous = process.env.REPORTS_DIR;
    process.env.REPORTS_DIR = reports;
    try {
      await expect(assertPropertyHolds(routerSystem, 'freed', 'no-release')).rejects.toThrow(
        /^FAIL freed against no-release: broken after .+\n {2}seed /,
      );
      expect(readdirSync(`${reports}/counterexamples`)).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.REPORTS_DIR;
      else process.env.REPORTS_DIR = previous;
    }
  });

  test('a verdict line says what was measured', async () => {
    const run = await checkProperties([
      { system: routerSystem, property: 'bounded', target: 'fixed', seed: 2, runs: 20, expect: 'caught' },
    ]);
    const [checked] = run.checked;
    expect(checked?.outcome).toBe('fail');
    expect(checked && verdictLines(checked)).toEqual([
      expect.stringMatching(
        /^FAIL bounded against fixed: holds over 20 cases in .+ \(NOT CAUGHT: a fault profile must break it\) \[seed 2\]$/,
      ),
    ]);
  });

  test('under a deadline a catch that does not show gets a fair part of the time and is inconclusive, not failed', async () => {
    const run = await checkProperties(
      [
        { system: routerSystem, property: 'bounded', target: 'fixed', seed: 4, runs: 1_000_000, expect: 'caught' },
        { system: routerSystem, property: 'bounded', target: 'fixed', seed: 5, runs: 20 },
      ],
      { deadline: performance.now() + 4_000 },
    );
    const [slow, after] = run.checked;
    expect(slow?.outcome).toBe('inconclusive');
    expect(slow?.headline).toMatch(
      /^bounded against fixed: not found broken in \d+ of 1000000 cases before the time limit/,
    );
    // All 20 cases ran, but 20 are too few to call the promise held.
    expect(after?.result.timeLimited).toBe(false);
    expect(after?.outcome).toBe('inconclusive');
    expect(checkRunExitCode(run)).toBe(2);
  });

  test('a check cut by its time limit ends its case in flight before the next check starts', async () => {
    // A store case holds the global fake timers until it ends: one left running made the
    // next store check fail with "Can't install fake timers twice".
    const run = await checkProperties(
      [
        { system: storeSystem, property: 'conformance', target: 'express-memory', seed: 1, runs: 1_000_000 },
        { system: storeSystem, property: 'conformance', target: 'express-memory', seed: 2, runs: 50 },
      ],
      { deadline: performance.now() + 3_000 },
    );
    expect(run.checked.map((c) => c.result.timeLimited)).toEqual([true, false]);
    expect(run.checked[1]?.result.runsExecuted).toBe(50);
  });
});
