/** Why a message from the controller was rejected; each code has its own counter. */
export type ProtocolErrorCode =
  /** The message is not an object: null, undefined, a primitive, a list, a function. */
  | 'malformed-envelope'
  /** Its contentType is not a string. */
  | 'malformed-content-type'
  /** Its headers are not a plain object of string values. */
  | 'malformed-headers'
  /** Reading it threw: a getter or a proxy of the peer's. */
  | 'unreadable-message'
  | 'malformed-body'
  | 'malformed-session'
  | 'malformed-sync-state'
  | 'missing-sync-id'
  | 'unknown-sync-strategy'
  | 'bad-sequence'
  | 'duplicate-chunk'
  | 'second-last-chunk'
  | 'chunk-after-last'
  | 'unknown-content-type';

export const PROTOCOL_ERROR_CODES: readonly ProtocolErrorCode[] = [
  'malformed-envelope',
  'malformed-content-type',
  'malformed-headers',
  'unreadable-message',
  'malformed-body',
  'malformed-session',
  'malformed-sync-state',
  'missing-sync-id',
  'unknown-sync-strategy',
  'bad-sequence',
  'duplicate-chunk',
  'second-last-chunk',
  'chunk-after-last',
  'unknown-content-type',
];

/**
 * A message the router cannot use. Handlers never throw it out: they count it,
 * drop the message, and fail the affected sync into a resync where one is affected.
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    readonly detail: string,
    readonly messageIndex: number,
    /** The sync the message claimed to belong to, when it said so legibly. */
    readonly syncId?: string,
  ) {
    super(`${detail} (message ${messageIndex} from controller, ${code}); dropped and counted`);
    this.name = 'ProtocolError';
  }
}
