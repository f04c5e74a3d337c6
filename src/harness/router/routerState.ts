import type { VirtualRuntime } from '../../runtime/VirtualRuntime.js';
import type { TraceColumn, TraceState } from '../engine/ModelSystem.js';
import type { SyncSystem } from './SyncSystem.js';

/** The router's state after an action, as the trace shows it. */
export const ROUTER_TRACE_COLUMNS: readonly TraceColumn[] = [
  { key: 'time', label: 't', legend: 'virtual time, ms' },
  { key: 'sync', label: 'sync', legend: 'the id of the sync marked in progress (- for none)' },
  { key: 'tracker', label: 'tracker', legend: 'the tracker the router holds: 0, or 1 and its state' },
  { key: 'buffered', label: 'buffered', legend: 'post-sync sessions queued or held for the sync in progress' },
  { key: 'sessions', label: 'router/ctrl', legend: "sessions the router caches / the controller's live sessions" },
  { key: 'queue', label: 'queue', legend: 'requests waiting for the receive loop' },
  { key: 'inFlight', label: 'in-flight', legend: 'messages on the wire to the router' },
  { key: 'channel', label: 'channel', legend: 'the control channel: open or closed' },
];

export function routerState(system: SyncSystem<VirtualRuntime>): TraceState {
  const stats = system.router.stats();
  return {
    time: system.runtime.now(),
    sync: stats.syncInProgress === '' ? '-' : stats.syncInProgress,
    tracker: stats.trackersHeld > 0 ? `1 ${stats.heldTrackerState ?? ''}` : '0',
    buffered: stats.postSyncEntriesBuffered,
    sessions: `${stats.sessionsCached}/${system.controller.liveSessionCount()}`,
    queue: stats.queueLength,
    inFlight: system.channel.pending('toRouter'),
    channel: system.channel.isOpen() ? 'open' : 'closed',
  };
}
