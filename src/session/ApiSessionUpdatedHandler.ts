import type { ApiSessionUpdatedBody } from './messages.js';
import type { StateManager } from './StateManager.js';

export function handleApiSessionUpdated(deps: { readonly state: StateManager }, body: ApiSessionUpdatedBody): void {
  for (const session of body.apiSessions) deps.state.updateApiSession(session);
}
