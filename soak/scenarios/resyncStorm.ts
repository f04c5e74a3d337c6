import { fullSyncChunk } from '../../src/session/messages.js';
import { churn, pause, type SoakScenario } from './SoakScenario.js';

/**
 * Syncs replacing each other, with live churn racing them; every fourth cycle a sync
 * whose last chunk never comes, so its deadline fires and the router asks for a resync.
 */
export const resyncStorm: SoakScenario = {
  name: 'resync-storm',
  description: 'back-to-back full syncs replacing each other, churn racing them, a deadline every 4th cycle',
  liveSessions: 1_000,
  // Two syncs a cycle fill the controller's history of 100 in 50 cycles; 40 sessions a cycle turn the live set over in 25.
  warmUpCycles: 60,
  async cycle(system, cycle) {
    system.controller.startFullSync('soak: storm 1');
    churn(system, 20);
    system.controller.startFullSync('soak: storm 2');
    churn(system, 20);
    if (cycle % 4 === 0) {
      // Sorts between the newest sync id and the next one: newer than the current sync,
      // older than the resync the deadline will bring.
      const latest = system.controller.syncHistory().at(-1)?.syncId ?? 'sync-0';
      system.channel.injectToRouter(fullSyncChunk({ id: `${latest}~stalled`, sequence: 0, isLast: false }, []));
    }
    await pause(40);
  },
};
