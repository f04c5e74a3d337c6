import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { EXPECTED_CATCHES, readCounterexampleFile, replayCounterexample } from '../src/harness/index.js';

// Each fault profile's shrunk counterexample, kept. The self-check finds them afresh over
// 1,000 cases; replaying them takes milliseconds, so the mutation run can afford them for
// every mutant, and a mutant that switches a fault off is caught here.
const folder = fileURLToPath(new URL('./caught/', import.meta.url));
const remake = (profile: string, invariant: string) =>
  `if the router changed on purpose, write it again: npm run props -- --profile ${profile} --property ${invariant} --seed 20250114 --runs 1000, then copy the counterexample it names to properties/caught/${invariant}-${profile}.json`;

describe('the kept counterexample of each fault profile', () => {
  test('there is one file per expected catch, and no other', () => {
    const expected = EXPECTED_CATCHES.map(([profile, invariant]) => `${invariant}-${profile}.json`).sort();
    expect(readdirSync(folder).sort()).toEqual(expected);
  });

  test.each(EXPECTED_CATCHES)(
    '%s still breaks %s at the recorded entry, and fixed holds',
    async (profile, invariant) => {
      const { counterexample, system } = readCounterexampleFile(`${folder}${invariant}-${profile}.json`);
      expect(counterexample.target).toBe(profile);
      const underProfile = await replayCounterexample(system, counterexample);
      expect(underProfile.reproduced, `${invariant} under ${profile}: ${remake(profile, invariant)}`).toBe(true);
      const underFixed = await replayCounterexample(system, counterexample, 'fixed');
      expect(
        underFixed.violation?.message,
        `the same schedule under fixed: ${remake(profile, invariant)}`,
      ).toBeUndefined();
    },
  );
});
