import type { ProtocolError, ProtocolErrorCode } from './ProtocolError.js';

/** Monotonic counters of what the router did; read through `Router.stats()`. */
export class RouterCounters {
  syncsStarted = 0;
  syncsApplied = 0;
  syncsFailed = 0;
  syncsAborted = 0;
  staleChunksIgnored = 0;
  resyncsRequested = 0;
  messagesReceived = 0;
  handlerCrashes = 0;
  protocolErrors = 0;
  readonly protocolErrorsByCode: Partial<Record<ProtocolErrorCode, number>> = {};
  /** The most recent errors, for reports; bounded so bad input cannot grow memory. */
  readonly recentErrors: ProtocolError[] = [];

  static readonly RECENT_ERRORS_KEPT = 20;

  recordProtocolError(error: ProtocolError): void {
    this.protocolErrors++;
    this.protocolErrorsByCode[error.code] = (this.protocolErrorsByCode[error.code] ?? 0) + 1;
    this.recentErrors.push(error);
    if (this.recentErrors.length > RouterCounters.RECENT_ERRORS_KEPT) this.recentErrors.shift();
  }
}
