import type { WireMessage } from './messages.js';
import { parseUpdatedBody } from './parseMessage.js';
import type { RouterCounters } from './RouterCounters.js';
import type { StateManager } from './StateManager.js';

export function handleApiSessionUpdated(
  deps: { readonly state: StateManager; readonly counters: RouterCounters },
  message: WireMessage,
  index: number,
): void {
  const body = parseUpdatedBody(message.body, index);
  if (!body.ok) {
    deps.counters.recordProtocolError(body.error);
    return;
  }
  for (const session of body.value.apiSessions) deps.state.updateApiSession(session);
}
