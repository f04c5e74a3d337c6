import type {
  ApiSession,
  ApiSessionAddedBody,
  ApiSessionRemovedBody,
  ApiSessionUpdatedBody,
  SyncState,
} from './messages.js';
import { InstantStrategy, SyncStateHeader, SyncStrategyHeader } from './messages.js';
import { ProtocolError } from './ProtocolError.js';

/**
 * Largest chunk sequence accepted: 10 million chunks of 100 is a billion sessions,
 * far past any controller; anything larger is a corrupt header, not a big sync.
 */
export const MAX_SYNC_SEQUENCE = 10_000_000;

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ProtocolError };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: ProtocolError): Parsed<T> => ({ ok: false, error });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function parseSession(value: unknown, index: number): ApiSession | ProtocolError {
  if (!isRecord(value) || !isNonEmptyString(value.id) || !isNonEmptyString(value.token)) {
    return new ProtocolError('malformed-session', 'an API session lacks a non-empty id or token', index);
  }
  const fingerprints = Array.isArray(value.certFingerprints) ? value.certFingerprints : [];
  return {
    id: value.id,
    token: value.token,
    identityId: typeof value.identityId === 'string' ? value.identityId : '',
    certFingerprints: fingerprints.filter((f): f is string => typeof f === 'string'),
  };
}

function parseSessions(value: unknown, index: number): Parsed<ApiSession[]> {
  if (!Array.isArray(value)) {
    return fail(new ProtocolError('malformed-body', 'apiSessions is not a list', index));
  }
  const sessions: ApiSession[] = [];
  for (const item of value) {
    const session = parseSession(item, index);
    if (session instanceof ProtocolError) return fail(session);
    sessions.push(session);
  }
  return ok(sessions);
}

export function parseAddedBody(body: unknown, index: number): Parsed<ApiSessionAddedBody> {
  if (!isRecord(body) || typeof body.isFullState !== 'boolean') {
    return fail(new ProtocolError('malformed-body', 'ApiSessionAdded body lacks a boolean isFullState', index));
  }
  const sessions = parseSessions(body.apiSessions, index);
  return sessions.ok ? ok({ isFullState: body.isFullState, apiSessions: sessions.value }) : sessions;
}

export function parseUpdatedBody(body: unknown, index: number): Parsed<ApiSessionUpdatedBody> {
  if (!isRecord(body)) {
    return fail(new ProtocolError('malformed-body', 'ApiSessionUpdated body is not an object', index));
  }
  const sessions = parseSessions(body.apiSessions, index);
  return sessions.ok ? ok({ apiSessions: sessions.value }) : sessions;
}

export function parseRemovedBody(body: unknown, index: number): Parsed<ApiSessionRemovedBody> {
  if (!isRecord(body) || !Array.isArray(body.tokens) || !body.tokens.every(isNonEmptyString)) {
    return fail(new ProtocolError('malformed-body', 'ApiSessionRemoved body lacks a list of non-empty tokens', index));
  }
  return ok({ tokens: body.tokens as string[] });
}

/** The headers of a full-state chunk; `legacy` when an old controller sent none. */
export type SyncHeaders = { readonly kind: 'legacy' } | { readonly kind: 'instant'; readonly syncState: SyncState };

export function parseSyncHeaders(headers: Readonly<Record<string, string>>, index: number): Parsed<SyncHeaders> {
  const strategy = headers[SyncStrategyHeader];
  const rawState = headers[SyncStateHeader];
  if (strategy === undefined && rawState === undefined) return ok({ kind: 'legacy' });
  if (strategy !== InstantStrategy) {
    return fail(
      new ProtocolError('unknown-sync-strategy', `sync strategy "${String(strategy)}" is not supported`, index),
    );
  }
  let state: unknown;
  try {
    state = JSON.parse(rawState ?? '');
  } catch {
    return fail(new ProtocolError('malformed-sync-state', 'sync state header is not JSON', index));
  }
  if (!isRecord(state)) {
    return fail(new ProtocolError('malformed-sync-state', 'sync state header is not an object', index));
  }
  if (!isNonEmptyString(state.id)) {
    return fail(new ProtocolError('missing-sync-id', 'sync state has no id', index));
  }
  const sequence = state.sequence;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 0 || sequence > MAX_SYNC_SEQUENCE) {
    return fail(
      new ProtocolError(
        'bad-sequence',
        `sync ${state.id} has sequence ${JSON.stringify(sequence)}; expected an integer from 0 to ${MAX_SYNC_SEQUENCE}`,
        index,
        state.id,
      ),
    );
  }
  if (typeof state.isLast !== 'boolean') {
    return fail(new ProtocolError('malformed-sync-state', `sync ${state.id} has no boolean isLast`, index, state.id));
  }
  return ok({ kind: 'instant', syncState: { id: state.id, isLast: state.isLast, sequence } });
}
