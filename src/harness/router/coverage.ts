/** The behaviours of the router the generated cases must reach, by the name the coverage table prints. */
export const COVERAGE = {
  replacedCollecting: 'tracker replaced while collecting',
  replacedComplete: 'tracker replaced while complete, before its tick',
  deadlineWithChunkMissing: 'deadline with a chunk missing',
  deadlineWithEveryChunk: 'deadline with every chunk in',
  closeIdle: 'close with no sync in progress',
  closeCollecting: 'close while a tracker collects',
  closeComplete: 'close while a tracker is complete, before its tick',
  duplicateCurrent: 'duplicate chunk of the current sync',
  duplicateOlder: 'duplicate chunk of an older sync',
  lateCurrent: 'late chunk of the current sync',
  lateOlder: 'late chunk of an older sync',
  pastLastCurrent: 'chunk past the last of the current sync',
  pastLastOlder: 'chunk past the last of an older sync',
  removedBeforeItsChunk: 'session removed during a sync, before its chunk',
  removedAfterItsChunk: 'session removed during a sync, after its chunk',
  liveAddBeforeFirstChunkHandled: "live add between a first chunk's arrival and its processing",
  syncOfNoSessions: 'sync of 0 sessions',
  exactMultipleOfChunkSize: 'session count an exact multiple of the chunk size',
  reconnectAfterEndedWhileDown: 'reconnect after sessions ended while down',
  resyncWhileStreaming: 'resync requested while a sync streams',
  slowTrickle: 'sync still open past half its deadline',
  failureWithPostSyncQueued: "sync failed with post-sync data queued (its own or the next sync's)",
  syncsWithLiveSetUnchanged: 'two syncs applied in a row with the live set unchanged',
  restartCollecting: 'controller restart while a tracker collects',
  restartComplete: 'controller restart while a tracker is complete, before its tick',
  restartSortsBelow: 'sync after a restart sorting below the last one sent before it',
} as const;

export type CoverageName = (typeof COVERAGE)[keyof typeof COVERAGE];

/**
 * How many of every 1,000 generated cases must reach each behaviour: below it, the
 * generators have stopped exploring it and a fault that only shows there would pass.
 * Each is about half the lowest rate over 30 seeds of 300 cases (`fixed`, Nov 2026),
 * so that a generator change which halves a rate fails the run.
 */
export const COVERAGE_TARGETS: Readonly<Record<CoverageName, number>> = {
  [COVERAGE.replacedCollecting]: 30,
  [COVERAGE.replacedComplete]: 10,
  [COVERAGE.deadlineWithChunkMissing]: 45,
  [COVERAGE.deadlineWithEveryChunk]: 15,
  [COVERAGE.closeIdle]: 80,
  [COVERAGE.closeCollecting]: 15,
  [COVERAGE.closeComplete]: 5,
  [COVERAGE.duplicateCurrent]: 5,
  [COVERAGE.duplicateOlder]: 15,
  [COVERAGE.lateCurrent]: 5,
  [COVERAGE.lateOlder]: 15,
  [COVERAGE.pastLastCurrent]: 10,
  [COVERAGE.pastLastOlder]: 5,
  [COVERAGE.removedBeforeItsChunk]: 25,
  [COVERAGE.removedAfterItsChunk]: 40,
  [COVERAGE.liveAddBeforeFirstChunkHandled]: 50,
  [COVERAGE.syncOfNoSessions]: 10,
  [COVERAGE.exactMultipleOfChunkSize]: 230,
  [COVERAGE.reconnectAfterEndedWhileDown]: 35,
  [COVERAGE.resyncWhileStreaming]: 40,
  [COVERAGE.slowTrickle]: 150,
  [COVERAGE.failureWithPostSyncQueued]: 60,
  [COVERAGE.syncsWithLiveSetUnchanged]: 25,
  // Half the lowest over 30 seeds of 300 cases (Dec 2026), as above.
  [COVERAGE.restartCollecting]: 10,
  [COVERAGE.restartComplete]: 5,
  [COVERAGE.restartSortsBelow]: 45,
};
