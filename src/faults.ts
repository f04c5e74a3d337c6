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
  /**
   * Not a historical fault: `removeMissingApiSessions` reads the sync and scans the cache
   * three times for the same result. It changes only the cost, so the benchmarks must flag
   * it and no property can.
   */
  readonly removeMissingTripled: boolean;
}

export const FAULT_PROFILES = {
  fixed: {
    invertedSyncFlag: false,
    trackerNotReleased: false,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
    removeMissingTripled: false,
  },
  'pre-2670': {
    invertedSyncFlag: true,
    trackerNotReleased: true,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
    removeMissingTripled: false,
  },
  'inverted-flag': {
    invertedSyncFlag: true,
    trackerNotReleased: false,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
    removeMissingTripled: false,
  },
  'no-release': {
    invertedSyncFlag: false,
    trackerNotReleased: true,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
    removeMissingTripled: false,
  },
  /** Upstream as of the fix: both faults gone, the races this project fixed still there. */
  'upstream-races': {
    invertedSyncFlag: false,
    trackerNotReleased: false,
    syncMarkedInReceiveLoop: true,
    removalBoundFromSyncOnly: true,
    messagesHandledOutOfOrder: true,
    removeMissingTripled: false,
  },
  /** A slowed hot path with the same behaviour as fixed: the self-test of `npm run bench`. */
  'slow-remove-missing': {
    invertedSyncFlag: false,
    trackerNotReleased: false,
    syncMarkedInReceiveLoop: false,
    removalBoundFromSyncOnly: false,
    messagesHandledOutOfOrder: false,
    removeMissingTripled: true,
  },
} as const satisfies Record<string, FaultFlags>;

export type FaultProfileName = keyof typeof FAULT_PROFILES;

export const FAULT_PROFILE_NAMES = Object.keys(FAULT_PROFILES) as FaultProfileName[];

/** The profiles that reproduce the historical leak; the self-check must catch each. */
export const HISTORICAL_FAULT_PROFILES: readonly FaultProfileName[] = ['pre-2670', 'inverted-flag', 'no-release'];

export class UnknownFaultProfileError extends Error {
  constructor(readonly requested: string) {
    super(`unknown fault profile "${requested}"; expected one of: ${FAULT_PROFILE_NAMES.join(', ')}`);
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
