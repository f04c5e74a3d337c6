import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HEAP_VERDICT_NODE_FLAGS } from '../../../../src/child/nodeFlags.js';
import { collectGarbage, missingHeapVerdictFlags } from '../../../../src/harness/engine/collectGarbage.js';
import { REPO_ROOT } from '../../../../src/repoRoot.js';

describe('the node flags a heap-level verdict needs', () => {
  test('this test process has them, and a collection frees what nothing holds', async () => {
    expect(missingHeapVerdictFlags()).toEqual([]);
    const ref = new WeakRef(Array.from({ length: 16 }, (_, i) => ({ i })));
    await collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });

  test('a process whose compiler works on a background thread is told what to add', () => {
    expect(missingHeapVerdictFlags(['--expose-gc'])).toEqual(['--no-concurrent-recompilation']);
    expect(missingHeapVerdictFlags(['--expose-gc', '--single-threaded'])).toEqual([]);
  });

  test('every npm script that exposes gc() passes all of them', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const exposing = Object.entries(scripts).filter(([, line]) => line.includes('--expose-gc'));
    expect(exposing.length).toBeGreaterThan(5);
    for (const [name, line] of exposing) {
      for (const flag of HEAP_VERDICT_NODE_FLAGS) expect(line, `npm run ${name}`).toContain(flag);
    }
  });
});
