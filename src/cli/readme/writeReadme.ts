// `npm run docs`: rewrites every generated block in the file it lives in (see `readmeSections`); a test fails when one lags.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../repoRoot.js';
import { readmeSections, sectionsByFile, updateBlocks } from './readmeSections.js';

for (const [file, sections] of sectionsByFile(await readmeSections())) {
  const path = join(REPO_ROOT, file);
  const before = readFileSync(path, 'utf8');
  const after = updateBlocks(file, before, sections);
  if (after !== before) writeFileSync(path, after);
  process.stdout.write(
    `${file}: ${after === before ? 'up to date' : 'updated'} (${sections.map((s) => s.name).join(', ')})\n`,
  );
}
