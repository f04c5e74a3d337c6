import type { FaultProfileName } from '../src/faults.js';
import { countsGroup } from './figures/countsGroup.js';
import { fullSyncGroup } from './figures/fullSyncGroup.js';
import { harnessGroup } from './figures/harnessGroup.js';
import { liveAddsGroup } from './figures/liveAddsGroup.js';
import { oneMillionGroup } from './figures/oneMillionGroup.js';
import { removeMissingGroup } from './figures/removeMissingGroup.js';
import { soakAnalysisGroup } from './figures/soakAnalysisGroup.js';
import type { MeasurementGroup } from './gates/Gate.js';

export const GROUP_NAMES = [
  'counts',
  'remove-missing',
  'full-sync',
  'live-adds',
  'harness',
  'soak-analysis',
  'one-million',
] as const;
export type GroupName = (typeof GROUP_NAMES)[number];

export function isGroupName(name: string): name is GroupName {
  return (GROUP_NAMES as readonly string[]).includes(name);
}

export interface GroupRequest {
  readonly quick: boolean;
  readonly profile: FaultProfileName;
}

/**
 * Sizes and rounds per mode. A round of remove-missing takes milliseconds, of the harness
 * a tenth of a second; more rounds spread a measurement over more of the machine's moods.
 */
const PLAN = {
  quick: { sizes: [1_000, 10_000], removeMissing: 61, fullSync: 31, liveAdds: 41, harness: 15, soak: 0 },
  full: { sizes: [1_000, 10_000, 100_000], removeMissing: 61, fullSync: 41, liveAdds: 61, harness: 25, soak: 5 },
} as const;

/** Counts barely move: one repetition, and three (their median) when one is past its threshold. */
const COUNT_ROUNDS = { rounds: 1, confirmRounds: 3 };

/** The groups a run measures; the quick one leaves out the soak analysis (seconds per round) and the million. */
export function groupsOf(request: GroupRequest): GroupName[] {
  return GROUP_NAMES.filter((name) => !request.quick || (name !== 'soak-analysis' && name !== 'one-million'));
}

export function createGroup(name: GroupName, request: GroupRequest): MeasurementGroup {
  const plan = PLAN[request.quick ? 'quick' : 'full'];
  const options = (rounds: number, confirmRounds = rounds) => ({ profile: request.profile, rounds, confirmRounds });
  switch (name) {
    case 'counts':
      return countsGroup(plan.sizes, options(COUNT_ROUNDS.rounds, COUNT_ROUNDS.confirmRounds));
    case 'remove-missing':
      return removeMissingGroup(plan.sizes, options(plan.removeMissing));
    case 'full-sync':
      return fullSyncGroup(plan.sizes, options(plan.fullSync));
    case 'live-adds':
      return liveAddsGroup(options(plan.liveAdds));
    case 'harness':
      return harnessGroup(options(plan.harness));
    case 'soak-analysis':
      return soakAnalysisGroup(options(plan.soak));
    case 'one-million':
      return oneMillionGroup(options(1));
  }
}
