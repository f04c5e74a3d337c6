import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  ReadmeMarkerError,
  readmeSections,
  sectionsByFile,
  updateBlocks,
} from '../../src/cli/readme/readmeSections.js';
import { REPO_ROOT } from '../support/runCli.js';

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');
const README = read('README.md');
const DOCS = readdirSync(join(REPO_ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const SCRIPTS = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
/** The README's first screen: what a newcomer sees before scrolling. */
const FIRST_SCREEN = README.split('\n').slice(0, 40).join('\n');

describe('the generated blocks (README.md and docs/)', () => {
  test('every block is current in the file it lives in (npm run docs rewrites them)', async () => {
    const byFile = sectionsByFile(await readmeSections());
    expect([...byFile.keys()].length).toBeGreaterThan(1);
    const lagging = [...byFile].filter(([file, sections]) => {
      const text = read(file);
      return text !== updateBlocks(file, text, sections);
    });
    expect(
      lagging.map(([file]) => file),
      'these files lag behind the code: run `npm run docs`',
    ).toEqual([]);
  });

  test('every block has its markers, once, and a missing one is an error naming the file', async () => {
    const sections = await readmeSections();
    expect(new Set(sections.map((section) => section.name)).size).toBe(sections.length);
    for (const section of sections) {
      const text = read(section.file);
      expect(text.split(`<!-- ${section.name}:start -->`).length, `${section.file}: ${section.name}`).toBe(2);
      expect(text.split(`<!-- ${section.name}:end -->`).length, `${section.file}: ${section.name}`).toBe(2);
    }
    const [first] = sections;
    if (first === undefined) throw new Error('no generated sections');
    const text = read(first.file);
    expect(() => updateBlocks(first.file, text.replace(`<!-- ${first.name}:start -->`, ''), [first])).toThrow(
      ReadmeMarkerError,
    );
    expect(() => updateBlocks(first.file, text.replace(`<!-- ${first.name}:end -->`, ''), [first])).toThrow(
      ReadmeMarkerError,
    );
    expect(() =>
      updateBlocks('docs/x.md', '# no markers\n', [{ name: 'anything', file: 'docs/x.md', content: 'x' }]),
    ).toThrow(/docs\/x\.md has no <!-- anything:start -->/);
  });
});

describe('README.md', () => {
  test('fits in 150 lines: reference material lives in docs/', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(150);
  });

  test('its first screen says what this is and gives the quick start, followed by the timings line', () => {
    expect(FIRST_SCREEN).toMatch(/harness for a router's API-session sync manager/);
    expect(FIRST_SCREEN).toContain('```sh\nnpm ci\nnpm test\nnpm start\n```');
    const timings = /<!-- timings -->(.*)<!-- \/timings -->/.exec(FIRST_SCREEN)?.[1] ?? '';
    // Measured figures for each command, not a placeholder.
    for (const command of ['npm ci', 'npm start', 'npm test']) {
      expect(timings).toMatch(new RegExp(`\`${command}\` (about )?\\d+ (s|min)`));
    }
  });

  test('links every file in docs/', () => {
    const linked = new Set([...README.matchAll(/\]\((docs\/[\w.-]+\.md)\)/g)].map(([, file]) => file as string));
    expect(DOCS.filter((file) => !linked.has(file))).toEqual([]);
  });
});

test('every `npm run <script>` the README and docs/ mention exists in package.json', () => {
  for (const file of ['README.md', ...DOCS]) {
    const mentioned = [...new Set([...read(file).matchAll(/npm run ([\w:-]+)/g)].map(([, script]) => script))];
    expect(
      mentioned.filter((script) => !SCRIPTS.includes(script as string)),
      file,
    ).toEqual([]);
  }
  expect(SCRIPTS).toEqual(expect.arrayContaining(['start', 'test']));
});

test('every relative link in the README and docs/ leads to a file (docs announced by other work aside)', () => {
  // Files other work adds later may be linked ahead of time.
  const announced = ['docs/findings.md', 'docs/reference-defects.md', 'docs/fidelity.md'];
  const broken: string[] = [];
  for (const file of ['README.md', ...DOCS]) {
    for (const [, target] of read(file).matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)) {
      const path = join(dirname(file), target as string);
      if (!existsSync(join(REPO_ROOT, path)) && !announced.includes(path)) broken.push(`${file} -> ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
