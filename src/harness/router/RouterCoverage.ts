import type { Controller } from '../../session/Controller.js';
import type { Router } from '../../session/Router.js';
import type { RouterEvent } from '../../session/RouterEvents.js';
import { COVERAGE } from './coverage.js';

/** What the coverage table needs of its scenario besides the router's events. */
export interface CoverageContext {
  readonly controller: Controller;
  readonly router: Router;
  readonly deadlineMs: number;
  now(): number;
  /** What the tracker acting right now acts on, if one is acting. */
  actingOn(): 'tick' | 'deadline' | undefined;
  /** The kind of adversarial message being delivered right now, if it is one. */
  deliveringKind(): string | undefined;
}

/** The named behaviours a case reached, as the router's events show them. */
export class RouterCoverage {
  readonly reached = new Set<string>();
  private readonly startedAt = new Map<string, number>();
  /** The cache's tokens at the last apply, and how many applies in a row found them the same. */
  private lastApplied = '';
  /** Post-sync batches let go since the last sync ended or the last close: a failure drops its own first. */
  private postSyncDropped = false;
  private unchangedApplies = 0;

  constructor(private readonly context: CoverageContext) {}

  observe(event: RouterEvent): void {
    const { reached } = this;
    switch (event.type) {
      case 'effect':
        if (event.effect === 'resync requested' && this.context.controller.isStreaming()) {
          reached.add(COVERAGE.resyncWhileStreaming);
        }
        return;
      case 'sync-started':
        this.startedAt.set(event.syncId, this.context.now());
        return;
      case 'sync-applied':
        if (this.context.actingOn() === 'deadline') reached.add(COVERAGE.deadlineWithEveryChunk);
        if (event.sessions === 0) reached.add(COVERAGE.syncOfNoSessions);
        this.syncEnded(event.syncId);
        this.appliedWith(this.liveSet());
        return;
      case 'sync-failed':
        if (event.cause === 'deadline' && this.context.actingOn() === 'deadline' && !event.complete) {
          reached.add(COVERAGE.deadlineWithChunkMissing);
        }
        if (this.postSyncDropped || this.context.router.stats().postSyncEntriesBuffered > 0) {
          reached.add(COVERAGE.failureWithPostSyncQueued);
        }
        this.syncEnded(event.syncId);
        return;
      case 'ended':
        if (event.kind === 'post-sync batch') this.postSyncDropped = true;
        return;
      case 'tracker-replaced':
        reached.add(event.complete ? COVERAGE.replacedComplete : COVERAGE.replacedCollecting);
        return;
      case 'closed':
        this.postSyncDropped = false;
        reached.add(
          event.tracker === 'none'
            ? COVERAGE.closeIdle
            : event.tracker === 'collecting'
              ? COVERAGE.closeCollecting
              : COVERAGE.closeComplete,
        );
        return;
      case 'chunk-judged':
        this.chunkJudged(event.relation === 'older' || event.relation === 'closed');
        return;
      default:
        return;
    }
  }

  private syncEnded(syncId: string): void {
    this.postSyncDropped = false;
    const startedAt = this.startedAt.get(syncId);
    this.startedAt.delete(syncId);
    if (startedAt !== undefined && this.context.now() - startedAt > this.context.deadlineMs / 2) {
      this.reached.add(COVERAGE.slowTrickle);
    }
  }

  private liveSet(): string {
    return this.context.controller
      .liveSessions()
      .map((session) => session.token)
      .join(',');
  }

  private appliedWith(liveSet: string): void {
    this.unchangedApplies = liveSet === this.lastApplied ? this.unchangedApplies + 1 : 0;
    this.lastApplied = liveSet;
    if (this.unchangedApplies >= 1) this.reached.add(COVERAGE.syncsWithLiveSetUnchanged);
  }

  private chunkJudged(older: boolean): void {
    const kind = this.context.deliveringKind();
    if (kind === 'duplicate-chunk') this.reached.add(older ? COVERAGE.duplicateOlder : COVERAGE.duplicateCurrent);
    if (kind === 'late-chunk') this.reached.add(older ? COVERAGE.lateOlder : COVERAGE.lateCurrent);
    if (kind === 'chunk-past-last' || kind === 'second-last-chunk') {
      this.reached.add(older ? COVERAGE.pastLastOlder : COVERAGE.pastLastCurrent);
    }
  }
}
