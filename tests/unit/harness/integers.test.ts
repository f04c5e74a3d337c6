import { describe, expect, test } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import {
  parseRuns,
  parseSeed,
  runsFromEnvironment,
  SEED_RANGE,
  seedFromEnvironment,
} from '../../../src/harness/engine/budget.js';
import { parseInteger } from '../../../src/harness/engine/integers.js';

const ANY = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

describe('whole numbers from flags, environment variables and files', () => {
  test.each([
    ['-5', -5],
    ['300', 300],
    [' 300 ', 300],
    ['1e3', 1_000],
    ['1E3', 1_000],
    ['0x10', 16],
    ['-0x10', -16],
  ])('%s reads as %d', (raw, value) => {
    expect(parseInteger('--n', raw, ANY)).toBe(value);
  });

  test.each(['1.5', '5abc', '', '  ', 'Infinity', 'NaN', '1e400', '0x', '--5', '99999999999999999999'])(
    '"%s" is refused with the range in the message',
    (raw) => {
      expect(() => parseInteger('--n', raw, { min: 1, max: 10 })).toThrow(UsageError);
      expect(() => parseInteger('--n', raw, { min: 1, max: 10 })).toThrow(/--n must be a whole number from 1 to 10/);
    },
  );

  test("seeds stay inside fast-check's 32-bit range, so no two seeds name one run", () => {
    expect(parseSeed('--seed', String(SEED_RANGE.max))).toBe(2 ** 31 - 1);
    expect(parseSeed('--seed', String(SEED_RANGE.min))).toBe(-(2 ** 31));
    expect(() => parseSeed('--seed', String(2 ** 31))).toThrow(/from -2,147,483,648 to 2,147,483,647/);
    expect(() => parseSeed('--seed', '4294967296')).toThrow(UsageError);
  });

  test('runs are at least one', () => {
    expect(parseRuns('--runs', '0x10')).toBe(16);
    expect(() => parseRuns('--runs', '0')).toThrow(/--runs must be a whole number from 1/);
  });

  test('the environment variables are read the same way, and refused the same way', () => {
    expect(runsFromEnvironment({})).toBe(300);
    expect(runsFromEnvironment({ NIGHTLY_RUNS: '5e3' })).toBe(5_000);
    expect(() => runsFromEnvironment({ NIGHTLY_RUNS: '-1' })).toThrow(/NIGHTLY_RUNS must be/);
    expect(seedFromEnvironment({ PROPERTY_SEED: '0x7fffffff' })).toBe(2 ** 31 - 1);
    expect(() => seedFromEnvironment({ PROPERTY_SEED: '99999999999999999999' })).toThrow(/PROPERTY_SEED must be/);
  });
});
