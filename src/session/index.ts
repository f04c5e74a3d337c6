export { ChannelNotAttachedError, type ChannelPeer, ControlChannel, type Uplink } from './ControlChannel.js';
export {
  Controller,
  ControllerInputError,
  type ControllerOptions,
  formatSessionId,
  formatSyncId,
  type SyncRecord,
} from './Controller.js';
export * from './messages.js';
export { PROTOCOL_ERROR_CODES, ProtocolError, type ProtocolErrorCode } from './ProtocolError.js';
export { MAX_SYNC_SEQUENCE } from './parseMessage.js';
export { Router, type RouterOptions, type RouterStats } from './Router.js';
export { type SessionEvent, StateManager } from './StateManager.js';
export { DEFAULT_SYNC_TIMING, type SyncTiming, SyncTracker, type TrackerState } from './SyncTracker.js';
export type { LiveTrackerInfo } from './TrackerRegistry.js';
