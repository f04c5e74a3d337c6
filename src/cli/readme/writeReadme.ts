// `npm run docs`: rewrites the README's generated blocks (see `readmeSections`); a test fails when they lag.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../repoRoot.js';
import { readmeSections, updateReadme } from './readmeSections.js';

const file = join(REPO_ROOT, 'README.md');
const before = readFileSync(file, 'utf8');
const after = updateReadme(before, await readmeSections());
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? 'README.md is up to date\n' : 'README.md updated\n');
