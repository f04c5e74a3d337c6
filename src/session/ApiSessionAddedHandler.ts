import type { FaultFlags } from '../faults.js';
import type { ApiSessionAddedBody } from './messages.js';
import { ProtocolError } from './ProtocolError.js';
import { type HeaderMap, parseSyncHeaders } from './parseMessage.js';
import type { ReceiveQueue } from './ReceiveQueue.js';
import type { RouterCounters } from './RouterCounters.js';
import type { RouterEvent, RouterEvents } from './RouterEvents.js';
import type { StateManager } from './StateManager.js';
import type { GateVerdict, SyncChunkGate } from './SyncChunkGate.js';

export interface ApiSessionAddedDeps {
  readonly faults: FaultFlags;
  readonly state: StateManager;
  readonly gate: SyncChunkGate;
  readonly queue: ReceiveQueue;
  readonly counters: RouterCounters;
  readonly events: RouterEvents;
}

/** A broken chunk of a sync that can still complete ends that sync and asks for another; counted already. */
export function failBrokenChunk(deps: Pick<ApiSessionAddedDeps, 'gate' | 'queue'>, error: ProtocolError): void {
  const syncId = error.syncId;
  if (syncId === undefined || !deps.gate.admitsFailureOf(syncId)) return;
  deps.gate.close(syncId);
  deps.queue.push({ kind: 'fail', syncId, reason: error.message });
}

function judged(verdict: GateVerdict): Extract<RouterEvent, { type: 'chunk-judged' }>['verdict'] {
  switch (verdict.kind) {
    case 'first-chunk':
      return 'first';
    case 'next-chunk':
      return 'next';
    case 'stale':
      return 'stale';
    case 'error':
      switch (verdict.code) {
        case 'duplicate-chunk':
          return 'duplicate';
        case 'chunk-after-last':
          return 'past-last';
        case 'second-last-chunk':
          return 'second-last';
      }
  }
}

/** Full-state chunks go to the receive loop; live adds are cached, and kept for the sync in progress. */
export function handleApiSessionAdded(
  deps: ApiSessionAddedDeps,
  message: { readonly headers: HeaderMap; readonly body: ApiSessionAddedBody },
  index: number,
): void {
  const { state, gate, queue, counters, faults } = deps;
  const sessions = message.body.apiSessions;

  if (!message.body.isFullState) {
    for (const session of sessions) state.addApiSession(session);
    if (state.isSyncInProgress()) queue.push({ kind: 'post-sync', syncId: state.syncInProgressId(), sessions });
    return;
  }

  const headers = parseSyncHeaders(message.headers, index);
  if (!headers.ok) {
    counters.recordProtocolError(headers.error);
    failBrokenChunk(deps, headers.error);
    return;
  }
  if (headers.value.kind === 'legacy') {
    for (const session of sessions) state.addApiSession(session);
    queue.push({ kind: 'legacy', sessions });
    return;
  }

  const syncState = headers.value.syncState;
  const relation = gate.relationOf(syncState.id);
  const verdict = gate.admit(syncState);
  const { events } = deps;
  events.emit({ type: 'chunk-judged', syncId: syncState.id, verdict: judged(verdict), relation });
  if (verdict.kind === 'stale' || verdict.kind === 'error') {
    events.ended('chunk', sessions, `chunk ${syncState.sequence} of ${syncState.id}, refused (${judged(verdict)})`);
  }
  switch (verdict.kind) {
    case 'stale':
      counters.staleChunksIgnored++;
      return;
    case 'error': {
      const error = new ProtocolError(verdict.code, verdict.detail, index, syncState.id);
      counters.recordProtocolError(error);
      if (verdict.poisons) {
        gate.close(syncState.id);
        queue.push({ kind: 'fail', syncId: syncState.id, reason: error.message });
      }
      return;
    }
    case 'first-chunk': {
      // Marked here, in message order, so every live add handled after this chunk is post-sync data.
      if (!faults.syncMarkedInReceiveLoop) state.markSyncInProgress(syncState.id);
      const removalFloor = state.largestIdEverCached();
      for (const session of sessions) state.addApiSession(session);
      queue.push({ kind: 'chunk', syncState, sessions, removalFloor });
      return;
    }
  }
  // The next chunk of the sync in progress.
  for (const session of sessions) state.addApiSession(session);
  queue.push({ kind: 'chunk', syncState, sessions });
}
