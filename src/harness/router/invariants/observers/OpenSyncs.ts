import type { RouterScenario } from '../../RouterScenario.js';

/**
 * The syncs the router has open (a tracker started and not yet applied, failed, replaced
 * or closed), each with the virtual time its first chunk started it.
 */
export class OpenSyncs {
  private readonly startedAt = new Map<string, number>();

  constructor(scenario: RouterScenario) {
    scenario.system.router.events.subscribe((event) => {
      switch (event.type) {
        case 'sync-started':
          this.startedAt.set(event.syncId, scenario.runtime.now());
          return;
        case 'sync-applied':
        case 'sync-failed':
        case 'tracker-replaced':
          this.startedAt.delete(event.syncId);
          return;
        case 'closed':
          this.startedAt.clear();
          return;
        default:
          return;
      }
    });
  }

  /** Open syncs, oldest first, with when each started. */
  entries(): IterableIterator<[string, number]> {
    return this.startedAt.entries();
  }

  startedAtOf(syncId: string): number | undefined {
    return this.startedAt.get(syncId);
  }
}
