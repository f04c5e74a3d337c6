import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaselineError, compareWithBaseline, readBaselineFile, thresholdFor } from '../../bench/compareWithBaseline.js';
import { median } from '../../bench/measure.js';
import type { BenchResult } from '../../src/harness/reports/BenchReport.js';
import { temporaryReportsDir } from '../support/runCli.js';

const figure = (name: string, unit: string, value: number, higherIsBetter = false): BenchResult => ({
  name,
  group: 'sut',
  unit,
  value,
  higherIsBetter,
  spread: { samples: 1, min: value, max: value },
});

describe('benchmark figures against the baseline', () => {
  it('takes the median, which one gc pause does not move', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 400])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('allows 2x for times and ratios of times, 1.5x for heap per session', () => {
    expect(thresholdFor(figure('t', 'ms', 1))).toBe(2);
    expect(thresholdFor(figure('g', 'ratio', 1))).toBe(2);
    expect(thresholdFor(figure('h', 'bytes/session', 1))).toBe(1.5);
  });

  it('turns every ratio so that above 1 is worse, and flags only what passes its threshold', () => {
    const comparison = compareWithBaseline(
      [
        figure('slower', 'ms', 2.1),
        figure('fewer-per-second', 'items/s', 40, true),
        figure('heap', 'bytes/session', 700),
        figure('not-in-baseline', 'ms', 9),
      ],
      { slower: 1, 'fewer-per-second': 100, heap: 500 },
    );
    expect(comparison.map((c) => [c.name, Number(c.ratio.toFixed(2)), c.regressed])).toEqual([
      ['slower', 2.1, true],
      ['fewer-per-second', 2.5, true],
      ['heap', 1.4, false],
    ]);
  });

  it('keeps a baseline per mode, and names what is wrong with a broken file', () => {
    const dir = temporaryReportsDir();
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    expect(readBaselineFile(join(dir, 'missing.json'))).toEqual({});
    expect(readBaselineFile(file('both.json', '{"full": {"a": 1}, "quick": {"a": 2}}'))).toEqual({
      full: { a: 1 },
      quick: { a: 2 },
    });
    expect(() => readBaselineFile(file('old.json', '{"figures": {"a": 1}}'))).toThrow(/unknown mode "figures"/);
    expect(() => readBaselineFile(file('nan.json', '{"quick": {"a": "fast"}}'))).toThrow(BaselineError);
    expect(() => readBaselineFile(file('text.json', 'fast'))).toThrow(/not JSON; rerun with --update-baseline/);
  });
});
