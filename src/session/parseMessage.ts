import { describeThrown } from './describeThrown.js';
import type {
  ApiSession,
  ApiSessionAddedBody,
  ApiSessionRemovedBody,
  ApiSessionUpdatedBody,
  SyncState,
} from './messages.js';
import { ContentType, InstantStrategy, SyncStateHeader, SyncStrategyHeader } from './messages.js';
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

/** Header names to values, copied out of the message into an object without a prototype. */
export type HeaderMap = Readonly<Record<string, string>>;

/** A message the router can act on: every field read once and copied into plain data. */
export type ControllerMessage =
  | { readonly contentType: 'ApiSessionAdded'; readonly headers: HeaderMap; readonly body: ApiSessionAddedBody }
  | { readonly contentType: 'ApiSessionUpdated'; readonly headers: HeaderMap; readonly body: ApiSessionUpdatedBody }
  | { readonly contentType: 'ApiSessionRemoved'; readonly headers: HeaderMap; readonly body: ApiSessionRemovedBody };

/**
 * The router's one door for input: whatever arrives, a `ControllerMessage` or a typed
 * error, never an exception. Every field is read once (a getter may answer
 * differently twice) and copied, so nothing the peer made is kept or read again.
 */
export function parseMessage(raw: unknown, index: number): Parsed<ControllerMessage> {
  try {
    return parseEnvelope(raw, index);
  } catch (thrown) {
    // A getter or a proxy trap of the peer's threw while being read.
    return fail(new ProtocolError('unreadable-message', `reading the message threw ${describeThrown(thrown)}`, index));
  }
}

function parseEnvelope(raw: unknown, index: number): Parsed<ControllerMessage> {
  if (!isRecord(raw)) {
    return fail(
      new ProtocolError(
        'malformed-envelope',
        `the message is ${kindOf(raw)}, not an object with contentType, headers and body`,
        index,
      ),
    );
  }
  const contentType = raw.contentType;
  if (typeof contentType !== 'string') {
    return fail(
      new ProtocolError('malformed-content-type', `contentType is ${kindOf(contentType)}, not a string`, index),
    );
  }
  const headers = parseHeaders(raw.headers, index);
  if (!headers.ok) return headers;
  switch (contentType) {
    case ContentType.ApiSessionAdded: {
      const body = parseAddedBody(raw.body, index);
      if (body.ok) return ok({ contentType, headers: headers.value, body: body.value });
      // A chunk whose sync headers still read names the sync it breaks: that sync can fail at once.
      return fail(new ProtocolError(body.error.code, body.error.detail, index, syncIdOf(headers.value, index)));
    }
    case ContentType.ApiSessionUpdated: {
      const body = parseUpdatedBody(raw.body, index);
      return body.ok ? ok({ contentType, headers: headers.value, body: body.value }) : body;
    }
    case ContentType.ApiSessionRemoved: {
      const body = parseRemovedBody(raw.body, index);
      return body.ok ? ok({ contentType, headers: headers.value, body: body.value }) : body;
    }
    default:
      return fail(
        new ProtocolError('unknown-content-type', `content type ${quote(contentType)} is not handled`, index),
      );
  }
}

/** The sync a full-state chunk's headers name, when they name one legibly. */
function syncIdOf(headers: HeaderMap, index: number): string | undefined {
  const parsed = parseSyncHeaders(headers, index);
  if (parsed.ok) return parsed.value.kind === 'instant' ? parsed.value.syncState.id : undefined;
  return parsed.error.syncId;
}

/**
 * A map of header names to strings, as upstream's `map[int32][]byte`: a plain object
 * (or one without a prototype). A Map, an array, a string or `false` is not one, and
 * must not pass for "no sync headers", which would make a full-state chunk a legacy sync.
 */
function parseHeaders(value: unknown, index: number): Parsed<HeaderMap> {
  if (typeof value !== 'object' || value === null) {
    return malformedHeaders(`headers are ${kindOf(value)}, not a map of header names to strings`, index);
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return malformedHeaders(`headers are ${kindOf(value)}, not a plain map of header names to strings`, index);
  }
  const headers: Record<string, string> = Object.create(null);
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (typeof item !== 'string')
      return malformedHeaders(`header ${quote(key)} is ${kindOf(item)}, not a string`, index);
    headers[key] = item;
  }
  return ok(headers);
}

// A module function, not a closure per call: every message's headers pass through here.
function malformedHeaders(detail: string, index: number): Parsed<HeaderMap> {
  return fail(new ProtocolError('malformed-headers', detail, index));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The items of a list, each read once; undefined when `value` is not a list. */
function itemsOf(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: unknown[] = [];
  const length = value.length;
  for (let i = 0; i < length; i++) items.push(value[i]);
  return items;
}

/** The strings of a list, each item read once; none when `value` is not a list. */
function stringsOf(value: unknown): string[] {
  const strings: string[] = [];
  if (!Array.isArray(value)) return strings;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const item: unknown = value[i];
    if (typeof item === 'string') strings.push(item);
  }
  // A pushed-to list keeps room for 16 more items; a cached session would carry that room for good.
  return strings.length === 0 ? strings : strings.slice();
}

/**
 * The id as one flat string. A sender's id can be a rope of its pieces (a prefix and a
 * padded number: two strings and a node joining them); the cache keeps every id for the
 * session's life, and flat it is one string of half the bytes. `normalize` returns the
 * flattened string for text it leaves alone, and any other text is kept as it came.
 */
function flatCopy(text: string): string {
  const flat = text.normalize();
  return flat === text ? flat : text;
}

function parseSession(value: unknown, index: number): ApiSession | ProtocolError {
  if (!isRecord(value)) {
    return new ProtocolError('malformed-session', 'an API session is not an object', index);
  }
  const id = value.id;
  const token = value.token;
  if (!isNonEmptyString(id) || !isNonEmptyString(token)) {
    return new ProtocolError('malformed-session', 'an API session lacks a non-empty id or token', index);
  }
  const identityId = value.identityId;
  return {
    id: flatCopy(id),
    token,
    identityId: typeof identityId === 'string' ? identityId : '',
    certFingerprints: stringsOf(value.certFingerprints),
  };
}

// Every message's sessions pass through here: the list is walked once, each item and the
// length read once, with no copy of the list made first.
function parseSessions(value: unknown, index: number): Parsed<ApiSession[]> {
  if (!Array.isArray(value)) {
    return fail(new ProtocolError('malformed-body', 'apiSessions is not a list', index));
  }
  const length = value.length;
  const sessions: ApiSession[] = [];
  for (let i = 0; i < length; i++) {
    const session = parseSession(value[i], index);
    if (session instanceof ProtocolError) return fail(session);
    sessions.push(session);
  }
  return ok(sessions);
}

/** The body parsers read the peer's values and may throw doing so: call them through `parseMessage`. */
export function parseAddedBody(body: unknown, index: number): Parsed<ApiSessionAddedBody> {
  const isFullState = isRecord(body) ? body.isFullState : undefined;
  if (!isRecord(body) || typeof isFullState !== 'boolean') {
    return fail(new ProtocolError('malformed-body', 'ApiSessionAdded body lacks a boolean isFullState', index));
  }
  const sessions = parseSessions(body.apiSessions, index);
  return sessions.ok ? ok({ isFullState, apiSessions: sessions.value }) : sessions;
}

export function parseUpdatedBody(body: unknown, index: number): Parsed<ApiSessionUpdatedBody> {
  if (!isRecord(body)) {
    return fail(new ProtocolError('malformed-body', 'ApiSessionUpdated body is not an object', index));
  }
  const sessions = parseSessions(body.apiSessions, index);
  return sessions.ok ? ok({ apiSessions: sessions.value }) : sessions;
}

export function parseRemovedBody(body: unknown, index: number): Parsed<ApiSessionRemovedBody> {
  const tokens = isRecord(body) ? itemsOf(body.tokens) : undefined;
  if (tokens === undefined || !tokens.every(isNonEmptyString)) {
    return fail(new ProtocolError('malformed-body', 'ApiSessionRemoved body lacks a list of non-empty tokens', index));
  }
  return ok({ tokens: tokens as string[] });
}

/** What kind of value the peer sent, in words, for an error; never throws. */
function kindOf(value: unknown): string {
  try {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'undefined':
        return 'missing';
      case 'string':
        return 'a string';
      case 'number':
      case 'boolean':
        return String(value);
      case 'bigint':
        return 'a bigint';
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
      default:
        if (Array.isArray(value)) return 'a list';
        return Object.getPrototypeOf(value) === null || Object.getPrototypeOf(value) === Object.prototype
          ? 'an object'
          : `an object of type ${Object.prototype.toString.call(value).slice(8, -1)}`;
    }
  } catch {
    return 'an object that cannot be read';
  }
}

const QUOTED_LIMIT = 40;

/** A string of the peer's, quoted and cut short so that a huge one is not kept in the error log. */
function quote(text: string): string {
  return JSON.stringify(text.length > QUOTED_LIMIT ? `${text.slice(0, QUOTED_LIMIT)}…` : text);
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
    // Stryker disable next-line StringLiteral: equivalent, any text that is not JSON throws alike
    // Stryker disable BlockStatement: equivalent, a state left unread is refused next with the same code
    state = JSON.parse(rawState ?? '');
  } catch {
    return fail(new ProtocolError('malformed-sync-state', 'sync state header is not JSON', index));
  }
  // Stryker restore BlockStatement
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
