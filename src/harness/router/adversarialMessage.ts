import type { Controller } from '../../session/Controller.js';
import {
  ContentType,
  InstantStrategy,
  SyncStateHeader,
  SyncStrategyHeader,
  type WireMessage,
} from '../../session/messages.js';
import { MAX_SYNC_SEQUENCE } from '../../session/parseMessage.js';
import type { DeliveryLog } from './DeliveryLog.js';

const BAD_SEQUENCES: readonly unknown[] = [-1, 1.5, MAX_SYNC_SEQUENCE + 1, '7', null];
const BAD_BODIES: readonly unknown[] = [
  null,
  [],
  { isFullState: 'yes', apiSessions: [] },
  { isFullState: true, apiSessions: 'not a list' },
  { isFullState: false, apiSessions: [{ id: 'as-x' }] },
];

function chunk(syncState: Record<string, unknown>, body: unknown): WireMessage {
  return {
    contentType: ContentType.ApiSessionAdded,
    headers: { [SyncStrategyHeader]: InstantStrategy, [SyncStateHeader]: JSON.stringify(syncState) },
    body,
  };
}

const emptyFullState = { isFullState: true, apiSessions: [] };

export const INJECT_KINDS = [
  'duplicate-chunk',
  'late-chunk',
  'chunk-past-last',
  'second-last-chunk',
  'bad-sequence',
  'missing-sync-id',
  'malformed-body',
  'unknown-content-type',
] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

/** Kinds that are malformed on their own; replays and out-of-range chunks are only wrong relative to what else arrives. */
export const MALFORMED_ON_THEIR_OWN: readonly InjectKind[] = [
  'bad-sequence',
  'missing-sync-id',
  'malformed-body',
  'unknown-content-type',
];

/**
 * Builds the adversarial message of `kind`, from what was delivered on this connection
 * and the controller's latest sync. Returns undefined when there is nothing to replay yet.
 */
export function adversarialMessage(
  kind: InjectKind,
  pick: number,
  deliveries: DeliveryLog,
  controller: Controller,
): WireMessage | undefined {
  const history = controller.syncHistory();
  const latest = history[history.length - 1];
  const syncId = latest?.syncId ?? 'sync-000000000001';
  // Past the real last chunk; while its count is unknown, past any plausible one, so
  // the message is detectably out of range rather than a forged chunk of the sync.
  const pastLast = latest?.totalChunks !== undefined ? latest.totalChunks + (pick % 3) : MAX_SYNC_SEQUENCE - (pick % 3);
  switch (kind) {
    case 'duplicate-chunk':
      return deliveries.chunkFromNewest(pick);
    case 'late-chunk':
      return deliveries.chunkFromOldest(pick);
    case 'chunk-past-last':
      return chunk({ id: syncId, isLast: false, sequence: pastLast }, emptyFullState);
    case 'second-last-chunk':
      return chunk({ id: syncId, isLast: true, sequence: pastLast }, emptyFullState);
    case 'bad-sequence':
      return chunk({ id: syncId, isLast: false, sequence: BAD_SEQUENCES[pick % BAD_SEQUENCES.length] }, emptyFullState);
    case 'missing-sync-id':
      return chunk(
        pick % 2 === 0 ? { isLast: true, sequence: 0 } : { id: '', isLast: true, sequence: 0 },
        emptyFullState,
      );
    case 'malformed-body':
      return chunk({ id: syncId, isLast: false, sequence: 0 }, BAD_BODIES[pick % BAD_BODIES.length]);
    case 'unknown-content-type':
      return { contentType: 'ApiSessionExploded', headers: {}, body: { tokens: [] } };
  }
}
