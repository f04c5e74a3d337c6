import {
  type ApiSessionAddedBody,
  ContentType,
  type SyncState,
  SyncStateHeader,
  type WireMessage,
} from '../../../session/messages.js';

/** The sync state a chunk carries in its header. */
export const syncStateOf = (message: WireMessage): SyncState =>
  JSON.parse(message.headers[SyncStateHeader] ?? 'null') as SyncState;

/** A chunk of a full sync, as against a live add. */
export function isFullSyncChunk(message: WireMessage): boolean {
  return message.contentType === ContentType.ApiSessionAdded && (message.body as ApiSessionAddedBody).isFullState;
}
