import { describe, expect, it } from 'vitest';
import {
  FAULT_PROFILE_NAMES,
  FAULT_PROFILES,
  faultProfile,
  HISTORICAL_FAULT_PROFILES,
  isFaultProfileName,
  UnknownFaultProfileError,
} from '../../src/faults.js';

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
});
