import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Tools keep caches in the temp folder whatever the tests do: tsx's compiled files and
 * memlab's working folder. They are the tools', not litter of a test.
 */
const TOOL_CACHES = [/^tsx-\d+$/, /^memlab$/];

/**
 * Every process of the run (vitest's workers, the commands tests spawn, Chromium) gets
 * a temp folder of its own; at the end it must hold nothing but tool caches, then it is
 * removed, so `npm test` leaves nothing behind in the system's temp folder.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'session-sync-harness-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    const litter = readdirSync(root).filter((entry) => !TOOL_CACHES.some((cache) => cache.test(entry)));
    rmSync(root, { recursive: true, force: true });
    if (litter.length > 0) {
      // vitest reports an error thrown here but keeps its exit code, so the code is set too.
      process.exitCode = 1;
      throw new Error(
        `tests left ${litter.length} entries in the temp folder, each a test that does not clean up: ${litter.join(', ')}`,
      );
    }
  };
}
