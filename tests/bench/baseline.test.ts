import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BaselineError, readBaselineFile, writeBaseline } from '../../bench/baseline.js';

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

  it('writes one mode and keeps the other, replacing a file of an older version', () => {
    const path = file('baseline.json', '{"quick": {"sut/full-sync/1k": 0.37}}');
    writeBaseline(path, 'quick', { a: 1.2 });
    writeBaseline(path, 'full', { a: 1.3, b: 10 });
    writeBaseline(path, 'quick', { a: 1.1 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 2, quick: { a: 1.1 }, full: { a: 1.3, b: 10 } });
  });
});
