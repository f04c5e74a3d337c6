import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BaselineError, describeSource, readBaselineFile, thisMachine, writeBaseline } from '../../bench/baseline.js';

describe('the baseline file', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a baseline per mode, and names what is wrong with a broken file', () => {
    expect(readBaselineFile(join(dir, 'missing.json'))).toEqual({ version: 2 });
    expect(readBaselineFile(file('both.json', '{"version": 2, "full": {"a": 1}, "quick": {"a": 2}}'))).toEqual({
      version: 2,
      full: { a: 1 },
      quick: { a: 2 },
    });
    expect(() => readBaselineFile(file('mode.json', '{"version": 2, "figures": {"a": 1}}'))).toThrow(
      /unknown mode "figures"/,
    );
    expect(() => readBaselineFile(file('zero.json', '{"version": 2, "quick": {"a": 0}}'))).toThrow(
      /quick.a is not a positive number/,
    );
    expect(() => readBaselineFile(file('text.json', 'fast'))).toThrow(/not JSON; rerun with --update-baseline/);
    expect(() => readBaselineFile(file('nan.json', '{"version": 2, "quick": {"a": "fast"}}'))).toThrow(BaselineError);
  });

  it('refuses a baseline of absolute times from before version 2', () => {
    const old = file('old.json', '{"quick": {"sut/full-sync/1k": 0.37}}');
    expect(() => readBaselineFile(old)).toThrow(/version null, expected 2 .*absolute times/);
  });

  it('writes one mode and keeps the other, replacing a file of an older version, and says where each was taken', () => {
    const path = file('baseline.json', '{"quick": {"sut/full-sync/1k": 0.37}}');
    const laptop = { where: 'a developer machine', at: '2026-12-01T00:00:00.000Z', node: 'v20.19.0', cpus: 2 };
    const runner = { ...laptop, where: 'CI runner Linux/X64', at: '2026-12-02T00:00:00.000Z' };
    writeBaseline(path, 'quick', { a: 1.2 }, laptop);
    writeBaseline(path, 'full', { a: 1.3, b: 10 }, laptop);
    writeBaseline(path, 'quick', { a: 1.1 }, runner);
    const written = readBaselineFile(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(written);
    expect(written).toEqual({
      version: 2,
      quick: { a: 1.1 },
      full: { a: 1.3, b: 10 },
      taken: { quick: runner, full: laptop },
    });
    expect(describeSource(written, 'quick')).toBe(
      'taken on CI runner Linux/X64, 2026-12-02T00:00:00.000Z, Node v20.19.0, 2 CPUs',
    );
    expect(describeSource({ version: 2, quick: { a: 1 } }, 'quick')).toMatch(/no record of where it was taken/);
  });

  it('names the machine a baseline is taken on: the runner kind on CI, or what BENCH_MACHINE says', () => {
    expect(thisMachine({})).toBe('a developer machine');
    expect(thisMachine({ GITHUB_ACTIONS: 'true', RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64' })).toBe('CI runner Linux/X64');
    expect(thisMachine({ BENCH_MACHINE: 'the lab box', GITHUB_ACTIONS: 'true' })).toBe('the lab box');
  });
});
