import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../support/runCli.js';
import { temporaryDir } from '../support/tempDir.js';

/** A tiny project of plain modules, laid out like this one, checked with this project's layer rules. */
function cruise(files: Readonly<Record<string, string>>) {
  const root = temporaryDir('layers-');
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowJs: true }, include: ['src'] }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const run = spawnSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'depcruise'),
    ['src', '--config', join(REPO_ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the layer rules npm test checks', () => {
  test('a layered tree passes', () => {
    const run = cruise({
      'src/runtime/clock.js': 'export const now = () => 0;\n',
      'src/session/router.js': "import { now } from '../runtime/clock.js';\nexport const at = now();\n",
      'src/harness/engine/runCase.js': 'export const runCase = () => 1;\n',
      'src/harness/index.js': "export { runCase } from './engine/runCase.js';\n",
      'src/cli/main.js': "import { runCase } from '../harness/index.js';\nrunCase();\n",
    });
    expect(run.status, run.output).toBe(0);
  });

  test('code outside the harness that reaches past its front door is named', () => {
    const run = cruise({
      'src/harness/engine/runCase.js': 'export const runCase = () => 1;\n',
      'src/harness/index.js': "export { runCase } from './engine/runCase.js';\n",
      'src/cli/main.js': "import { runCase } from '../harness/engine/runCase.js';\nrunCase();\n",
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('harness-has-one-front-door');
  });

  test('each broken layer is named by its rule', () => {
    const run = cruise({
      'src/runtime/clock.js': "import { at } from '../session/router.js';\nexport const now = () => at;\n",
      'src/session/router.js': "import { runCase } from '../harness/engine/runCase.js';\nexport const at = runCase;\n",
      'src/harness/engine/runCase.js': "import { main } from '../../cli/main.js';\nexport const runCase = main;\n",
      'src/cli/main.js': 'export const main = () => 1;\n',
    });
    expect(run.status).not.toBe(0);
    for (const rule of [
      'runtime-stands-alone',
      'session-imports-runtime-and-faults-only',
      'harness-stays-below-its-users',
      'nothing-imports-the-cli',
    ]) {
      expect(run.output).toContain(rule);
    }
  });
});
