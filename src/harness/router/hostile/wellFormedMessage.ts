import { ContentType, InstantStrategy, SyncStateHeader, SyncStrategyHeader } from '../../../session/messages.js';
import { MAX_SYNC_SEQUENCE } from '../../../session/parseMessage.js';

/**
 * Whether `value` is a message the router must take as the controller meant it: an
 * object with a content type the router handles, a header map of string values, a
 * body of that type's shape and, on a full-state chunk, legible sync headers or none
 * (a legacy sync). Anything whose reading throws is not. This is the harness's own
 * statement of the wire format, kept apart from the router's parser so one checks
 * the other. It reads getters, so give it a copy of what is sent, not the same value.
 */
export function isWellFormedMessage(value: unknown): boolean {
  try {
    return wellFormed(value);
  } catch {
    return false;
  }
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wellFormed(message: unknown): boolean {
  if (!isFields(message)) return false;
  const contentType = message.contentType;
  const headers = message.headers;
  const body = message.body;
  const headerMap = stringMap(headers);
  if (headerMap === undefined || !isFields(body)) return false;
  switch (contentType) {
    case ContentType.ApiSessionAdded: {
      const isFullState = body.isFullState;
      if (typeof isFullState !== 'boolean' || !sessionList(body.apiSessions)) return false;
      return !isFullState || syncHeadersLegible(headerMap);
    }
    case ContentType.ApiSessionUpdated:
      return sessionList(body.apiSessions);
    case ContentType.ApiSessionRemoved:
      return list(body.tokens, nonEmptyString);
    default:
      return false;
  }
}

/** A plain object (or one without a prototype) of string values, copied; undefined if not. */
function stringMap(value: unknown): Map<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const map = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const item = (value as Fields)[key];
    if (typeof item !== 'string') return undefined;
    map.set(key, item);
  }
  return map;
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function list(value: unknown, item: (value: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
  return true;
}

/** A session needs an id and a token; its other fields may be anything, so long as they can be read. */
function session(value: unknown): boolean {
  if (!isFields(value) || !nonEmptyString(value.id) || !nonEmptyString(value.token)) return false;
  void value.identityId;
  const fingerprints = value.certFingerprints;
  if (Array.isArray(fingerprints)) list(fingerprints, () => true);
  return true;
}

function sessionList(value: unknown): boolean {
  return list(value, session);
}

function syncHeadersLegible(headers: Map<string, string>): boolean {
  const strategy = headers.get(SyncStrategyHeader);
  const state = headers.get(SyncStateHeader);
  if (strategy === undefined && state === undefined) return true;
  if (strategy !== InstantStrategy || state === undefined) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(state);
  } catch {
    return false;
  }
  if (!isFields(parsed)) return false;
  const sequence = parsed.sequence;
  return (
    nonEmptyString(parsed.id) &&
    typeof parsed.isLast === 'boolean' &&
    typeof sequence === 'number' &&
    Number.isInteger(sequence) &&
    sequence >= 0 &&
    sequence <= MAX_SYNC_SEQUENCE
  );
}
