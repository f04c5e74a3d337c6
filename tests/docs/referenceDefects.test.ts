import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FAULT_PROFILE_NAMES, REFERENCE_FAULT_PROFILES } from '../../src/faults.js';
import { readCounterexampleFile, replayCounterexample } from '../../src/harness/index.js';
import { REPO_ROOT } from '../support/runCli.js';

const DOC = 'docs/reference-defects.md';
const text = readFileSync(join(REPO_ROOT, DOC), 'utf8');

interface Entry {
  readonly title: string;
  readonly profiles: readonly string[];
  readonly reproductions: readonly string[];
  readonly body: string;
}

/** The numbered entries: `## n. title`, a **Profile:** line and one or more replay commands. */
function entries(): Entry[] {
  return text
    .split(/^## /m)
    .filter((section) => /^\d+\. /.test(section))
    .map((section) => {
      const title = section.slice(0, section.indexOf('\n'));
      const profileLine = /^\*\*Profile:\*\*(.*)$/m.exec(section)?.[1] ?? '';
      const profiles = [...profileLine.matchAll(/`([\w-]+)`/g)].map(([, name]) => name as string);
      const reproductions = [
        ...new Set([...section.matchAll(/npm run replay -- (properties\/caught\/[\w.-]+\.json)/g)].map(([, f]) => f)),
      ] as string[];
      return { title, profiles, reproductions, body: section };
    });
}

const ENTRIES = entries();
const named = new Set(ENTRIES.flatMap((entry) => entry.profiles));

describe(DOC, () => {
  test('every profile that models the reference has an entry, and no entry is about another', () => {
    expect(REFERENCE_FAULT_PROFILES.filter((profile) => !named.has(profile))).toEqual([]);
    for (const entry of ENTRIES) {
      expect(entry.profiles.length, entry.title).toBeGreaterThan(0);
      for (const profile of entry.profiles) {
        expect(REFERENCE_FAULT_PROFILES as readonly string[], `${entry.title}: ${profile}`).toContain(profile);
      }
    }
    // The harness's own self-test profiles are not the reference's.
    expect(FAULT_PROFILE_NAMES.filter((p) => p !== 'fixed' && !REFERENCE_FAULT_PROFILES.includes(p))).toEqual([
      'removed-kept',
      'slow-remove-missing',
    ]);
  });

  test("every entry gives the reference's code at a named commit, the cost and the smallest change", () => {
    for (const entry of ENTRIES) {
      expect(entry.body, entry.title).toMatch(/\w+\.go\b/);
      expect(entry.body, entry.title).toMatch(/`(\w+\.go)?:\d+(-\d+)?`/);
      expect(entry.body, entry.title).toMatch(/\*\*Cost\.\*\*/);
      expect(entry.body, entry.title).toMatch(/\*\*(Smallest change|Change made upstream)[.:]/);
      expect(entry.body, entry.title).toMatch(/BROKEN: /);
    }
    expect(text).toContain('`804f55a`');
  });

  test.each(ENTRIES.map((entry) => [entry.title, entry] as const))(
    '%s: each kept counterexample it names exists, is of its profiles, and replays',
    async (_title, entry) => {
      expect(entry.reproductions.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const file of entry.reproductions) {
        const path = join(REPO_ROOT, file);
        expect(existsSync(path), file).toBe(true);
        const { counterexample, system } = readCounterexampleFile(path);
        expect(entry.profiles, file).toContain(counterexample.target);
        const replay = await replayCounterexample(system, counterexample);
        expect(
          replay.reproduced,
          `${file} no longer reproduces: write it again (properties/caught.test.ts says how)`,
        ).toBe(true);
        failures.push(counterexample.failure.message);
      }
      // What the entry pastes is what one of its files records, not a stale copy.
      expect(
        failures.some((message) => entry.body.includes(message)),
        entry.title,
      ).toBe(true);
    },
  );
});
