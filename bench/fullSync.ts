import type { FaultProfileName } from '../src/faults.js';
import { createSyncSystem, type SyncSystem } from '../src/harness/index.js';
import { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';

export const CHUNK_SIZE = 100;

/** A controller with `sessions` sessions and a router not yet connected, on the virtual runtime. */
export function prepareFullSync(sessions: number, profile: FaultProfileName = 'fixed'): SyncSystem<VirtualRuntime> {
  const system = createSyncSystem({ runtime: new VirtualRuntime(), profile, chunkSize: CHUNK_SIZE });
  for (let i = 0; i < sessions; i++) system.controller.createSession();
  return system;
}

/** Connects and runs until the sync is applied: every chunk delivered, handled and the tick fired. */
export function runFullSync(system: SyncSystem<VirtualRuntime>, onStep?: () => void): void {
  system.channel.connect();
  for (let rounds = 0; rounds < 1_000_000; rounds++) {
    system.runtime.runUntilIdle({ maxSteps: 10_000, untilTime: system.runtime.now() + 1_000 });
    onStep?.();
    const stats = system.router.stats();
    if (stats.syncsApplied >= 1 && stats.syncInProgress === '' && system.channel.pending('toRouter') === 0) return;
  }
  throw new Error('the full sync did not finish');
}
