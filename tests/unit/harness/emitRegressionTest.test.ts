import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { emitRegressionTest } from '../../../src/harness/engine/replay/emitRegressionTest.js';
import { readCounterexampleFile } from '../../../src/harness/systems.js';
import { REPO_ROOT } from '../../support/runCli.js';
import { temporaryDir } from '../../support/tempDir.js';

test('a regression of the same name is never overwritten: the new one takes the next free name', () => {
  const source = join(REPO_ROOT, 'properties/regressions/freed-no-release-7.json');
  const { counterexample } = readCounterexampleFile(source);
  const directory = temporaryDir('regressions-');
  writeFileSync(join(directory, 'freed-no-release-7.json'), 'an earlier case');
  const first = emitRegressionTest(counterexample, source, directory, 'fixed');
  const second = emitRegressionTest(counterexample, source, directory, 'fixed');
  expect(readFileSync(join(directory, 'freed-no-release-7.json'), 'utf8')).toBe('an earlier case');
  expect([first, second].map((file) => file.slice(directory.length + 1))).toEqual([
    'freed-no-release-7-2.test.ts',
    'freed-no-release-7-3.test.ts',
  ]);
  expect(readFileSync(second, 'utf8')).toContain("new URL('./freed-no-release-7-3.json'");
  expect(readdirSync(directory).sort()).toEqual([
    'freed-no-release-7-2.json',
    'freed-no-release-7-2.test.ts',
    'freed-no-release-7-3.json',
    'freed-no-release-7-3.test.ts',
    'freed-no-release-7.json',
  ]);
});
