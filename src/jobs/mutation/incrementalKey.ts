import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What the properties are made of besides `src/session`: Stryker's incremental mode sees a
 * change of a test file, but not of the generators and invariants in `src/harness` that
 * the property files only call, so without this a survivor would be reused after the
 * property that kills it was written.
 */
export const TEST_SIDE_PATHS = [
  'properties',
  'src/harness',
  'src/runtime',
  'src/faults.ts',
  'src/errors.ts',
  'vitest.mutation.config.ts',
  'stryker.config.mjs',
  'package-lock.json',
] as const;

export interface SourceFile {
  /** Relative to the repository root, forward slashes. */
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** Every file under `paths` (files or folders), relative to `root`, in a stable order; missing paths are skipped. */
export function readTestSide(root: string, paths: readonly string[] = TEST_SIDE_PATHS): SourceFile[] {
  const files: SourceFile[] = [];
  const visit = (absolute: string): void => {
    if (statSync(absolute).isDirectory()) {
      for (const name of readdirSync(absolute).sort()) visit(join(absolute, name));
      return;
    }
    files.push({ path: relative(root, absolute).replaceAll('\\', '/'), content: readFileSync(absolute) });
  };
  for (const path of paths) if (existsSync(join(root, path))) visit(join(root, path));
  return files;
}

/**
 * A name for the incremental file: results are reused only by a run with the same
 * property code, the same runs per property and the same seed.
 */
export function incrementalKey(files: readonly SourceFile[], budget: { runs: number; seed: number }): string {
  const hash = createHash('sha256');
  hash.update(`runs=${budget.runs}\nseed=${budget.seed}\n`);
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\n${file.content.length}\n`);
    hash.update(file.content);
  }
  return hash.digest('hex').slice(0, 16);
}
