import { InputError } from './errors.js';

/**
 * Fault profiles: the historical defects of the router as data, passed in at
 * construction. `fixed` is correct under every interleaving the runtime can produce.
 */
export interface FaultFlags {
  /** `isSyncInProgress()` answers true when no sync is in progress (issue #2669, fault 1). */
  readonly invertedSyncFlag: boolean;
  /** Applying a sync does not release its tracker from the handler (issue #2669, fault 2). */
  readonly trackerNotReleased: boolean;
  /**
   * Upstream marks a sync in progress only when the receive loop takes its first
   * chunk, not when the handler sees it; a live add handled in between is neither in
   * the snapshot nor post-sync data, and the sync then deletes it although the
   * controller still has it.
   */
  readonly syncMarkedInReceiveLoop: boolean;
  /**
   * Upstream bounds a sync's removals by the largest id in the sync itself. A session
   * ended while the connection was down (its removal lost) but newer than every live
   * one is then above the bound and stays cached for good.
   */
  readonly removalBoundFromSyncOnly: boolean;
  /**
   * Upstream hands each message to its own goroutine, so a removal can be processed
   * before the add it follows and the session comes back for good.
   */
  readonly messagesHandledOutOfOrder: boolean;
}

export const FAULT_PROFILES = {
  fixed: {
    invertedSyncFlag: false,
    trackerNotReleased: false,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
  },
  'pre-2670': {
    invertedSyncFlag: true,
    trackerNotReleased: true,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
  },
  'inverted-flag': {
    invertedSyncFlag: true,
    trackerNotReleased: false,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
  },
  'no-release': {
    invertedSyncFlag: false,
    trackerNotReleased: true,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
  },
  /** Upstream as of the fix: both faults gone, the races this project fixed still there. */
  'upstream-races': {
    invertedSyncFlag: false,
    trackerNotReleased: false,
    syncMarkedInReceiveLoop: true,
    removalBoundFromSyncOnly: true,
    messagesHandledOutOfOrder: true,
  },
} as const satisfies Record<string, FaultFlags>;

export type FaultProfileName = keyof typeof FAULT_PROFILES;

export const FAULT_PROFILE_NAMES = Object.keys(FAULT_PROFILES) as FaultProfileName[];

/** What is wrong under each profile, in a sentence: `--help`, the README and the demo say it. */
export const PROFILE_DESCRIPTIONS: Readonly<Record<FaultProfileName, string>> = {
  fixed: 'nothing: correct under every interleaving the runtime can produce',
  'pre-2670':
    'both historical faults: the inverted "sync in progress" flag and the tracker never released after a sync',
  'inverted-flag': 'only the inverted flag: live adds after a sync are queued as post-sync data',
  'no-release': 'only the missing release: the finished tracker, with all its chunks, stays referenced',
  'upstream-races':
    'both faults fixed, but three races of the reference left in: the sync marked in progress late, messages handled out of order, the removal bound taken from the sync alone',
};

/** The profiles that reproduce the historical leak; the self-check must catch each. */
export const HISTORICAL_FAULT_PROFILES: readonly FaultProfileName[] = ['pre-2670', 'inverted-flag', 'no-release'];

export class UnknownFaultProfileError extends InputError {
  constructor(readonly requested: string) {
    super(
      `unknown fault profile "${requested}"; expected one of: ${FAULT_PROFILE_NAMES.join(', ')}`,
      'unknown-profile',
    );
    this.name = 'UnknownFaultProfileError';
  }
}

export function isFaultProfileName(name: string): name is FaultProfileName {
  return Object.hasOwn(FAULT_PROFILES, name);
}

export function faultProfile(name: string): FaultFlags {
  if (!isFaultProfileName(name)) throw new UnknownFaultProfileError(name);
  return FAULT_PROFILES[name];
}
