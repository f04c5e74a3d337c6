import { types } from 'node:util';
import { ContentType, SyncStateHeader } from './messages.js';

/**
 * A field's own data value, read without running anything: no getter, no proxy trap.
 * A label must not change what the router then reads (a getter may answer differently
 * the second time), so what cannot be read this way is described as unknown.
 */
function peek(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null || types.isProxy(object)) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

/** How many items a list field holds, or "?" when it is not a plain array. */
function count(list: unknown): string {
  return Array.isArray(list) && !types.isProxy(list) ? String(peek(list, 'length')) : '?';
}

/** A few words naming a message on the wire, for task labels and traces; never throws, and reads nothing twice. */
export function describeMessage(message: unknown): string {
  try {
    if (message === undefined) return 'an undefined message';
    if (typeof message !== 'object' || message === null)
      return `a ${message === null ? 'null' : typeof message} message`;
    const contentType = peek(message, 'contentType');
    if (typeof contentType !== 'string') return 'a message without a text content type';
    const body = peek(message, 'body');
    switch (contentType) {
      case ContentType.ApiSessionAdded: {
        const sessions = count(peek(body, 'apiSessions'));
        if (peek(body, 'isFullState') !== true) return `live add of ${sessions} session(s)`;
        const raw = peek(peek(message, 'headers'), SyncStateHeader);
        const state =
          typeof raw === 'string'
            ? (JSON.parse(raw) as { id?: unknown; sequence?: unknown; isLast?: unknown })
            : undefined;
        if (state === undefined) return `full-state chunk without sync headers (${sessions} session(s))`;
        return `${String(state.id)} chunk ${String(state.sequence)}${state.isLast === true ? ' (last)' : ''}, ${sessions} session(s)`;
      }
      case ContentType.ApiSessionUpdated:
        return `update of ${count(peek(body, 'apiSessions'))} session(s)`;
      case ContentType.ApiSessionRemoved: {
        const tokens = peek(body, 'tokens');
        return Array.isArray(tokens) && !types.isProxy(tokens)
          ? `removal of ${[0, 1, 2]
              .map((i) => peek(tokens, String(i)))
              .filter((token) => typeof token === 'string')
              .join(', ')}`
          : 'removal of unknown tokens';
      }
      case ContentType.RequestClientReSync:
        return 'resync request';
      default:
        return `${contentType.slice(0, 40)} message`;
    }
  } catch {
    return 'an unreadable message';
  }
}
