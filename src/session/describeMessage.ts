import { ContentType, SyncStateHeader } from './messages.js';

/** A few words naming a message on the wire, for task labels and traces; never throws, whatever the message is. */
export function describeMessage(message: unknown): string {
  try {
    if (typeof message !== 'object' || message === null)
      return `a ${message === null ? 'null' : typeof message} message`;
    const { contentType, headers, body } = message as { contentType?: unknown; headers?: unknown; body?: unknown };
    if (typeof contentType !== 'string') return 'a message without a text content type';
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    switch (contentType) {
      case ContentType.ApiSessionAdded: {
        const sessions = Array.isArray(b.apiSessions) ? b.apiSessions.length : 0;
        if (b.isFullState !== true) return `live add of ${sessions} session(s)`;
        const raw =
          typeof headers === 'object' && headers !== null
            ? (headers as Record<string, unknown>)[SyncStateHeader]
            : undefined;
        const state =
          typeof raw === 'string'
            ? (JSON.parse(raw) as { id?: unknown; sequence?: unknown; isLast?: unknown })
            : undefined;
        if (state === undefined) return `full-state chunk without sync headers (${sessions} session(s))`;
        return `${String(state.id)} chunk ${String(state.sequence)}${state.isLast === true ? ' (last)' : ''}, ${sessions} session(s)`;
      }
      case ContentType.ApiSessionUpdated:
        return `update of ${Array.isArray(b.apiSessions) ? b.apiSessions.length : 0} session(s)`;
      case ContentType.ApiSessionRemoved:
        return `removal of ${Array.isArray(b.tokens) ? b.tokens.slice(0, 3).join(', ') : 'no tokens'}`;
      case ContentType.RequestClientReSync:
        return 'resync request';
      default:
        return `${contentType.slice(0, 40)} message`;
    }
  } catch {
    return 'an unreadable message';
  }
}
