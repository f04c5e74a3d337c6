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
  /**
   * Upstream's tracker loop `select`s among tick, deadline and stop: a stopped tracker's
   * tick may still win, find every chunk in and apply, and applying releases whatever
   * tracker the handler holds, orphaning the newer one.
   */
  readonly stoppedTrackerMayApply: boolean;
  /**
   * Upstream's `Stop()` clears the stop channel without a lock: a stopped tracker's deadline
   * may still fire, and the failure it raises acts on the handler's current tracker.
   */
  readonly stoppedTrackerMayFail: boolean;
  /** Upstream lets a deadline that falls due with the last tick win over it: a complete sync fails. */
  readonly deadlineBeatsCompleteSync: boolean;
  /**
   * Upstream's receive loop starts a tracker for any chunk when it holds none: a chunk of a
   * sync that just failed, still queued, starts a twin that can never complete.
   */
  readonly endedSyncChunksStartTwin: boolean;
  /**
   * The controller's last-chunk bug (`sync_instant.go`): inside the chunk loop `IsLast` is
   * always false, so a session count that is an exact multiple of the chunk size sends no
   * last chunk, and no sessions at all sends nothing.
   */
  readonly lastChunkNeverMarked: boolean;
  /** A list of every removed session that nothing reads: what only a long soak would notice. */
  readonly removedSessionsKept: boolean;
  /** `removeMissingApiSessions` does three times the work for the same result: for the benchmarks' self-test. */
  readonly removeMissingTripled: boolean;
}

const NO_FAULT: FaultFlags = {
  invertedSyncFlag: false,
  trackerNotReleased: false,
  syncMarkedInReceiveLoop: false,
  removalBoundFromSyncOnly: false,
  messagesHandledOutOfOrder: false,
  stoppedTrackerMayApply: false,
  stoppedTrackerMayFail: false,
  deadlineBeatsCompleteSync: false,
  endedSyncChunksStartTwin: false,
  lastChunkNeverMarked: false,
  removedSessionsKept: false,
  removeMissingTripled: false,
};

export const FAULT_PROFILES = {
  fixed: NO_FAULT,
  'pre-2670': { ...NO_FAULT, invertedSyncFlag: true, trackerNotReleased: true },
  'inverted-flag': { ...NO_FAULT, invertedSyncFlag: true },
  'no-release': { ...NO_FAULT, trackerNotReleased: true },
  /** The reference as of the fix: both faults gone, every race and defect known here still there. */
  'upstream-races': {
    ...NO_FAULT,
    syncMarkedInReceiveLoop: true,
    removalBoundFromSyncOnly: true,
    messagesHandledOutOfOrder: true,
    stoppedTrackerMayApply: true,
    stoppedTrackerMayFail: true,
    deadlineBeatsCompleteSync: true,
    endedSyncChunksStartTwin: true,
    lastChunkNeverMarked: true,
  },
  'stale-tick-applies': { ...NO_FAULT, stoppedTrackerMayApply: true },
  'stale-deadline-fails': { ...NO_FAULT, stoppedTrackerMayFail: true },
  'deadline-beats-complete': { ...NO_FAULT, deadlineBeatsCompleteSync: true },
  'no-last-chunk': { ...NO_FAULT, lastChunkNeverMarked: true },
  'late-sync-mark': { ...NO_FAULT, syncMarkedInReceiveLoop: true },
  'out-of-order': { ...NO_FAULT, messagesHandledOutOfOrder: true },
  'removal-bound-from-sync': { ...NO_FAULT, removalBoundFromSyncOnly: true },
  'twin-tracker': { ...NO_FAULT, endedSyncChunksStartTwin: true },
  'removed-kept': { ...NO_FAULT, removedSessionsKept: true },
  'slow-remove-missing': { ...NO_FAULT, removeMissingTripled: true },
} as const satisfies Record<string, FaultFlags>;

export type FaultProfileName = keyof typeof FAULT_PROFILES;

export const FAULT_PROFILE_NAMES = Object.keys(FAULT_PROFILES) as FaultProfileName[];

/** What is wrong under each profile, in a sentence: `--help`, docs/fixed-vs-reference.md and the demo say it. */
export const PROFILE_DESCRIPTIONS: Readonly<Record<FaultProfileName, string>> = {
  fixed: 'nothing: correct under every interleaving the runtime can produce',
  'pre-2670':
    'both historical faults: the inverted "sync in progress" flag and the tracker never released after a sync',
  'inverted-flag': 'only the inverted flag: live adds after a sync are queued as post-sync data',
  'no-release': 'only the missing release: the finished tracker, with all its chunks, stays referenced',
  'upstream-races':
    'the reference as of the fix: both faults gone, and every race and defect of it known here: the sync marked in progress late, messages handled out of order, the removal bound taken from the sync alone, a stopped tracker that still applies or fails, a deadline that beats a complete sync, a queued chunk of a failed sync that starts a twin tracker, the controller that never marks a last chunk',
  'stale-tick-applies':
    "only a stopped tracker's tick that still applies its sync and releases the handler's newer tracker",
  'stale-deadline-fails': "only a stopped tracker's deadline that still fails, acting on the handler's current tracker",
  'deadline-beats-complete': 'only a deadline that wins over the tick due with it, failing a sync that has every chunk',
  'no-last-chunk':
    "only the controller's last-chunk bug: no chunk marked last when the session count is a multiple of the chunk size, nothing sent for no sessions",
  'late-sync-mark':
    'only the sync marked in progress when the receive loop takes its first chunk: a live add handled in between is deleted by that sync',
  'out-of-order': 'only messages handled out of order, each in its own goroutine: a removal handled before its add',
  'removal-bound-from-sync':
    "only the removal bound taken from the sync's own ids: a session ended while the channel was down, newer than every live one, stays",
  'twin-tracker':
    'only a queued chunk of a sync that just failed starting a twin tracker, which can never complete and costs a deadline',
  'removed-kept': 'only a list of every removed session that nothing reads: a leak no end state shows',
  'slow-remove-missing':
    'only removeMissingApiSessions doing three times the work: for the benchmarks, not a correctness fault',
};

/**
 * The profiles whose every flag is a behaviour of the reference itself (OpenZiti's router at
 * upstream 804f55a, or before the fix of #2669 for the historical ones); the others are the
 * harness's own self-tests. docs/reference-defects.md has an entry for each.
 */
export const REFERENCE_FAULT_PROFILES: readonly FaultProfileName[] = [
  'pre-2670',
  'inverted-flag',
  'no-release',
  'upstream-races',
  'stale-tick-applies',
  'stale-deadline-fails',
  'deadline-beats-complete',
  'no-last-chunk',
  'late-sync-mark',
  'out-of-order',
  'removal-bound-from-sync',
  'twin-tracker',
];

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
