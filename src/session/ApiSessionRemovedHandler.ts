import type { WireMessage } from './messages.js';
import { parseRemovedBody } from './parseMessage.js';
import type { RouterCounters } from './RouterCounters.js';
import type { StateManager } from './StateManager.js';

export function handleApiSessionRemoved(
  deps: { readonly state: StateManager; readonly counters: RouterCounters },
  message: WireMessage,
  index: number,
): void {
  const body = parseRemovedBody(message.body, index);
  if (!body.ok) {
    deps.counters.recordProtocolError(body.error);
    return;
  }
  for (const token of body.value.tokens) deps.state.removeApiSession(token);
}
