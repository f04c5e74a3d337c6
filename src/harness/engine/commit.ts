import { execFileSync } from 'node:child_process';

let cachedCommit: string | undefined;

/** The commit under test, so a counterexample or a summary says which code it was found in. */
export function currentCommit(): string {
  if (cachedCommit === undefined) {
    try {
      cachedCommit = execFileSync('git', ['rev-parse', 'HEAD'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      cachedCommit = 'unknown';
    }
  }
  return cachedCommit;
}
