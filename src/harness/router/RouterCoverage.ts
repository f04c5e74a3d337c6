import type { Controller } from '../../session/Controller.js';
import type { RouterEvent } from '../../session/RouterEvents.js';
import { COVERAGE } from './coverage.js';

/** What the coverage table needs of its scenario besides the router's events. */
export interface CoverageContext {
  readonly controller: Controller;
  /** What the tracker acting right now acts on, if one is acting. */
  actingOn(): 'tick' | 'deadline' | undefined;
  /** The kind of adversarial message being delivered right now, if it is one. */
  deliveringKind(): string | undefined;
}

/** The named behaviours a case reached, as the router's events show them. */
export class RouterCoverage {
  readonly reached = new Set<string>();

  constructor(private readonly context: CoverageContext) {}

  observe(event: RouterEvent): void {
    const { reached } = this;
    switch (event.type) {
      case 'effect':
        if (event.effect === 'resync requested' && this.context.controller.isStreaming()) {
          reached.add(COVERAGE.resyncWhileStreaming);
        }
        return;
      case 'sync-applied':
        if (this.context.actingOn() === 'deadline') reached.add(COVERAGE.deadlineWithEveryChunk);
        if (event.sessions === 0) reached.add(COVERAGE.syncOfNoSessions);
        return;
      case 'sync-failed':
        if (event.cause === 'deadline' && this.context.actingOn() === 'deadline' && !event.complete) {
          reached.add(COVERAGE.deadlineWithChunkMissing);
        }
        return;
      case 'tracker-replaced':
        reached.add(event.complete ? COVERAGE.replacedComplete : COVERAGE.replacedCollecting);
        return;
      case 'closed':
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

  private chunkJudged(older: boolean): void {
    const kind = this.context.deliveringKind();
    if (kind === 'duplicate-chunk') this.reached.add(older ? COVERAGE.duplicateOlder : COVERAGE.duplicateCurrent);
    if (kind === 'late-chunk') this.reached.add(older ? COVERAGE.lateOlder : COVERAGE.lateCurrent);
    if (kind === 'chunk-past-last' || kind === 'second-last-chunk') {
      this.reached.add(older ? COVERAGE.pastLastOlder : COVERAGE.pastLastCurrent);
    }
  }
}
