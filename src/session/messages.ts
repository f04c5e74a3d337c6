/** Message shapes on the control channel, as the controller and router exchange them. */

export interface ApiSession {
  /** Time-ordered: a session created later has a larger id (fixed-width, compared as strings). */
  readonly id: string;
  readonly token: string;
  readonly identityId: string;
  readonly certFingerprints: readonly string[];
}

export const ContentType = {
  ApiSessionAdded: 'ApiSessionAdded',
  ApiSessionUpdated: 'ApiSessionUpdated',
  ApiSessionRemoved: 'ApiSessionRemoved',
  RequestClientReSync: 'RequestClientReSync',
} as const;
export type ContentType = (typeof ContentType)[keyof typeof ContentType];

// Stryker disable next-line StringLiteral: equivalent, both sides of the wire read the same constant
export const SyncStrategyHeader = 'syncStrategy';
export const SyncStateHeader = 'syncState';
// Stryker disable next-line StringLiteral: equivalent, as above
export const InstantStrategy = 'instant';

/** The sync state header's content, JSON-encoded on the wire. */
export interface SyncState {
  readonly id: string;
  readonly isLast: boolean;
  readonly sequence: number;
}

export interface ApiSessionAddedBody {
  readonly isFullState: boolean;
  readonly apiSessions: readonly ApiSession[];
}

export interface ApiSessionUpdatedBody {
  readonly apiSessions: readonly ApiSession[];
}

export interface ApiSessionRemovedBody {
  readonly tokens: readonly string[];
  readonly ids?: readonly string[];
}

export interface RequestClientReSyncBody {
  readonly reason: string;
}

/**
 * What travels on the channel. The body is `unknown` on purpose: the router must
 * treat everything it receives as untrusted and validate it.
 */
export interface WireMessage {
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export function fullSyncChunk(syncState: SyncState, sessions: readonly ApiSession[]): WireMessage {
  return {
    contentType: ContentType.ApiSessionAdded,
    headers: { [SyncStrategyHeader]: InstantStrategy, [SyncStateHeader]: JSON.stringify(syncState) },
    body: { isFullState: true, apiSessions: sessions } satisfies ApiSessionAddedBody,
  };
}

export function liveAdd(syncState: SyncState, sessions: readonly ApiSession[]): WireMessage {
  return {
    contentType: ContentType.ApiSessionAdded,
    // Stryker disable next-line ObjectLiteral: equivalent, nothing reads a live add's sync headers
    headers: { [SyncStrategyHeader]: InstantStrategy, [SyncStateHeader]: JSON.stringify(syncState) },
    body: { isFullState: false, apiSessions: sessions } satisfies ApiSessionAddedBody,
  };
}

export function sessionsUpdated(sessions: readonly ApiSession[]): WireMessage {
  return {
    contentType: ContentType.ApiSessionUpdated,
    headers: {},
    body: { apiSessions: sessions } satisfies ApiSessionUpdatedBody,
  };
}

export function sessionsRemoved(sessions: readonly Pick<ApiSession, 'id' | 'token'>[]): WireMessage {
  return {
    contentType: ContentType.ApiSessionRemoved,
    headers: {},
    body: {
      tokens: sessions.map((s) => s.token),
      // Stryker disable next-line ArrowFunction: equivalent, the router removes by token; the ids are for people
      ids: sessions.map((s) => s.id),
    } satisfies ApiSessionRemovedBody,
  };
}

export function resyncRequest(reason: string): WireMessage {
  return {
    contentType: ContentType.RequestClientReSync,
    headers: {},
    body: { reason } satisfies RequestClientReSyncBody,
  };
}
