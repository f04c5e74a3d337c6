import type { RouterEvent } from '../../../session/RouterEvents.js';
import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/**
 * Follows the router's gate as its events show it (the sync opened last, "" after a close,
 * and whether it ended) and each sync a chunk broke past repair; records every broken
 * sync that is applied or left to its deadline instead of failing for it.
 */
class BrokenSyncs {
  /** Syncs acted on as if whole after a chunk broke them. */
  readonly kept: string[] = [];
  /** Syncs a chunk broke past repair (a second last chunk, a chunk past the last, a corrupted body), with how and when. */
  private readonly broken = new Map<string, string>();
  private gateSync = '';
  private gateClosed = false;

  constructor(private readonly scenario: RouterScenario) {
    scenario.system.router.events.subscribe((event) => this.observe(event));
    scenario.onDelivery((delivery) => {
      if (delivery.corruptedSync !== undefined) this.corruptedChunkDelivered(delivery.corruptedSync);
    });
  }

  private observe(event: RouterEvent): void {
    switch (event.type) {
      case 'sync-applied':
        this.gateClosedFor(event.syncId);
        this.keptAfterBreak(event.syncId, 'applied');
        return;
      case 'sync-failed':
        this.gateClosedFor(event.syncId);
        if (event.cause === 'deadline') this.keptAfterBreak(event.syncId, 'left to fail at its deadline');
        return;
      case 'closed':
        this.gateSync = '';
        this.gateClosed = false;
        return;
      case 'chunk-judged':
        if (event.verdict === 'first') {
          this.gateSync = event.syncId;
          this.gateClosed = false;
        }
        if (event.relation === 'current' && (event.verdict === 'second-last' || event.verdict === 'past-last')) {
          this.gateClosed = true;
          if (!this.broken.has(event.syncId)) {
            this.broken.set(event.syncId, `a ${event.verdict} chunk broke it (entry ${this.scenario.currentEntry()})`);
          }
        }
        return;
      default:
        return;
    }
  }

  private keptAfterBreak(syncId: string, what: string): void {
    const broken = this.broken.get(syncId);
    if (broken !== undefined) {
      this.kept.push(`sync ${syncId} was ${what} (entry ${this.scenario.currentEntry()}) after ${broken}`);
    }
  }

  /**
   * A chunk of `syncId` whose body no longer parses is about to reach the router. While that
   * sync can still complete (it is newer than the one opened last, or that one and not ended),
   * it must now fail for it: never be applied, nor left to its deadline.
   */
  private corruptedChunkDelivered(syncId: string): void {
    if (syncId < this.gateSync || (syncId === this.gateSync && this.gateClosed)) return;
    if (!this.broken.has(syncId)) {
      this.broken.set(syncId, `a chunk with a corrupted body broke it (entry ${this.scenario.currentEntry()})`);
    }
    this.gateClosedFor(syncId);
  }

  /** The router's gate closes a sync as it ends, opening it first if it is newer. */
  private gateClosedFor(syncId: string): void {
    if (syncId < this.gateSync) return;
    this.gateSync = syncId;
    this.gateClosed = true;
  }
}

export const prompt = defineInvariant<RouterScenario, BrokenSyncs>({
  name: 'prompt',
  promise:
    'a sync that a second last chunk, a chunk past its last or a chunk whose body no longer parses broke fails for it at once: it is never applied, nor left to its deadline',
  watch: (scenario) => new BrokenSyncs(scenario),
  afterStep(_scenario, broken) {
    return broken.kept[0];
  },
});
