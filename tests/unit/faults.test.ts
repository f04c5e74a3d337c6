import { describe, expect, it } from 'vitest';
import {
  FAULT_PROFILE_NAMES,
  FAULT_PROFILES,
  faultProfile,
  HISTORICAL_FAULT_PROFILES,
  isFaultProfileName,
  UnknownFaultProfileError,
} from '../../src/faults.js';
import { EXPECTED_BENCH_FLAGS, EXPECTED_CATCHES } from '../../src/harness/index.js';

describe('fault profiles', () => {
  it('fixed has no fault; each historical profile has exactly its own', () => {
    expect(Object.values(FAULT_PROFILES.fixed).every((flag) => flag === false)).toBe(true);
    expect(FAULT_PROFILES['pre-2670']).toMatchObject({ invertedSyncFlag: true, trackerNotReleased: true });
    expect(FAULT_PROFILES['inverted-flag']).toMatchObject({ invertedSyncFlag: true, trackerNotReleased: false });
    expect(FAULT_PROFILES['no-release']).toMatchObject({ invertedSyncFlag: false, trackerNotReleased: true });
    expect(HISTORICAL_FAULT_PROFILES.every((name) => FAULT_PROFILE_NAMES.includes(name))).toBe(true);
  });

  it('refuses an unknown name, listing the known ones, and is not fooled by inherited keys', () => {
    expect(() => faultProfile('pre2670')).toThrow(UnknownFaultProfileError);
    expect(() => faultProfile('pre2670')).toThrow(/expected one of: fixed, pre-2670, inverted-flag, no-release/);
    expect(isFaultProfileName('toString')).toBe(false);
    expect(faultProfile('no-release')).toBe(FAULT_PROFILES['no-release']);
  });

  it('gives every fault profile a check that must catch it: a property, or for a pure slowdown the benchmarks', () => {
    const caughtByProperties = new Set(EXPECTED_CATCHES.map(([profile]) => profile));
    const flaggedByBench = new Set(EXPECTED_BENCH_FLAGS.map(([profile]) => profile));
    for (const name of FAULT_PROFILE_NAMES.filter((p) => p !== 'fixed')) {
      expect(caughtByProperties.has(name) || flaggedByBench.has(name), name).toBe(true);
    }
    // A slowdown behaves as fixed does, so no property can catch it and the self-check must not expect one to.
    for (const name of flaggedByBench) {
      expect(caughtByProperties.has(name), name).toBe(false);
      const { removeMissingTripled: _slow, ...behaviour } = FAULT_PROFILES[name];
      expect(Object.values(behaviour).every((flag) => flag === false)).toBe(true);
    }
  });
});
