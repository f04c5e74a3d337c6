import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files matching `pick` under `dir` (one level of subfolders), to tell what a child wrote. */
export function listReportFiles(dir: string, pick: (entry: string) => string | undefined): Set<string> {
  if (!existsSync(dir)) return new Set();
  const found = new Set<string>();
  for (const entry of readdirSync(dir)) {
    const file = pick(join(dir, entry));
    if (file !== undefined) found.add(file);
  }
  return found;
}

export function newFiles(before: ReadonlySet<string>, after: ReadonlySet<string>): string[] {
  return [...after].filter((file) => !before.has(file)).sort();
}
