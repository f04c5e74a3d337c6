import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FAULT_PROFILES, type FaultProfileName, REFERENCE_FAULT_PROFILES } from '../../src/faults.js';
import { ROUTER_INVARIANT_NAMES } from '../../src/harness/index.js';
import { REPO_ROOT } from '../support/runCli.js';

const text = readFileSync(join(REPO_ROOT, 'docs/fidelity.md'), 'utf8');
const rows = text.split('\n').filter((line) => /^\| [^-]/.test(line) && !line.startsWith('| behaviour'));

/** Profiles that switch on exactly one behaviour of the reference's router or controller. */
const singleFaults = REFERENCE_FAULT_PROFILES.filter(
  (name) =>
    Object.values(FAULT_PROFILES[name]).filter(Boolean).length === 1 && !['inverted-flag', 'no-release'].includes(name),
);

describe('docs/fidelity.md', () => {
  test('each row names the reference, a TypeScript function and what pins it', () => {
    expect(rows.length).toBeGreaterThan(25);
    for (const row of rows) {
      const cells = row.split(' | ');
      expect(cells, row).toHaveLength(5);
      expect(cells[1], row).toMatch(/`[\w.]+\.go(:\d+(-\d+)?)?`/);
      expect(cells[3], row).toMatch(/`\w+`|\.test\.ts/);
    }
  });

  test('every behaviour a single fault profile puts back is a row marked with that profile', () => {
    const marked = [...text.matchAll(/fault: `([\w-]+)`/g)].map(([, name]) => name as FaultProfileName);
    expect(marked.filter((name) => !Object.hasOwn(FAULT_PROFILES, name))).toEqual([]);
    expect(singleFaults.filter((name) => !marked.includes(name))).toEqual([]);
  });

  test('the functions it names exist where it says', () => {
    for (const [, owner, member] of text.matchAll(/`([A-Z]\w+)\.(\w+)`/g)) {
      const file = join(REPO_ROOT, 'src/session', `${owner}.ts`);
      // `Name.ts` is a file, not a member.
      if (member === 'ts' || !existsSync(file)) continue;
      expect(readFileSync(file, 'utf8'), `${owner}.${member}`).toMatch(new RegExp(`\\b${member}\\b`));
    }
  });

  test('the invariants it names are the router’s', () => {
    const named = new Set(
      rows.flatMap((row) => [...(row.split(' | ')[3] ?? '').matchAll(/`(\w+)`/g)].map(([, n]) => n)),
    );
    const known = new Set<string>(ROUTER_INVARIANT_NAMES);
    expect([...named].filter((name) => name !== undefined && !known.has(name))).toEqual([]);
  });
});
