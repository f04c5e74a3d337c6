import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ReadmeMarkerError, readmeSections, updateReadme } from '../../src/cli/readme/readmeSections.js';
import { REPO_ROOT } from '../support/runCli.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const SCRIPTS = Object.keys(
  (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);

describe('README.md', () => {
  test('its generated blocks are current (npm run docs rewrites them)', async () => {
    const current = updateReadme(README, await readmeSections());
    expect(README, 'README.md lags behind the code: run `npm run docs`').toBe(current);
  });

  test('every generated block has its markers, and a missing one is an error', async () => {
    for (const section of await readmeSections()) {
      expect(README).toContain(`<!-- ${section.name}:start -->`);
      expect(README).toContain(`<!-- ${section.name}:end -->`);
    }
    const [first] = await readmeSections();
    if (first === undefined) throw new Error('no generated sections');
    const withoutStart = README.replace(`<!-- ${first.name}:start -->`, '');
    expect(() => updateReadme(withoutStart, [first])).toThrow(ReadmeMarkerError);
    const withoutEnd = README.replace(`<!-- ${first.name}:end -->`, '');
    expect(() => updateReadme(withoutEnd, [first])).toThrow(ReadmeMarkerError);
    expect(() => updateReadme('# a README without markers\n', [{ name: 'anything', content: 'x' }])).toThrow(
      /<!-- anything:start -->/,
    );
  });

  test('every `npm run <script>` it mentions exists in package.json', () => {
    const mentioned = [...new Set([...README.matchAll(/npm run ([\w:-]+)/g)].map(([, script]) => script))];
    expect(mentioned.length).toBeGreaterThan(5);
    expect(mentioned.filter((script) => !SCRIPTS.includes(script as string))).toEqual([]);
    expect(SCRIPTS).toEqual(expect.arrayContaining(['start', 'test']));
  });

  test('the quick start is the two commands, followed by the timings line', () => {
    expect(README).toContain('```sh\nnpm ci && npm start\nnpm test\n```');
    const timings = /<!-- timings -->(.*)<!-- \/timings -->/.exec(README)?.[1] ?? '';
    // Measured figures for each command, not a placeholder.
    for (const command of ['npm ci', 'npm start', 'npm test']) {
      expect(timings).toMatch(new RegExp(`\`${command}\` (about )?\\d+ (s|min)`));
    }
  });
});
