import type { RealRuntime } from '../../runtime/RealRuntime.js';
import type { SyncSystem } from './SyncSystem.js';

/**
 * On the real runtime: resolves once nothing is in flight on the channel, no sync
 * is streaming or in progress, and the router holds no tracker, or after `timeoutMs`.
 */
export async function waitForQuiescence(system: SyncSystem<RealRuntime>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const stats = system.router.stats();
    const quiet =
      system.channel.pending('toRouter') === 0 &&
      system.channel.pending('toController') === 0 &&
      !system.controller.isStreaming() &&
      stats.queueLength === 0 &&
      stats.syncInProgress === '';
    if (quiet) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
