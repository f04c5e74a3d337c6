import type { ApiSessionRemovedBody } from './messages.js';
import type { StateManager } from './StateManager.js';

export function handleApiSessionRemoved(deps: { readonly state: StateManager }, body: ApiSessionRemovedBody): void {
  for (const token of body.tokens) deps.state.removeApiSession(token);
}
