import { ContentType } from '../../../session/messages.js';
import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/** "token (id) added at t=… after its removal reached the router (entry …)", as it happened. */
function watchBroughtBack(scenario: RouterScenario): readonly string[] {
  const broughtBack: string[] = [];
  /** Tokens whose removal the controller sent and the router was handed, with the entry it happened at. */
  const removalsDelivered = new Map<string, number>();
  scenario.onDelivery(({ message, adversarial, injected }) => {
    if (adversarial || injected !== undefined || message.contentType !== ContentType.ApiSessionRemoved) return;
    // Tokens are never reused: once the router has this, nothing the controller sends later names them.
    for (const token of (message.body as { tokens?: readonly string[] }).tokens ?? []) {
      if (!removalsDelivered.has(token)) removalsDelivered.set(token, scenario.currentEntry());
    }
  });
  scenario.system.router.state.onEvent((event) => {
    if (event.kind === 'removed') return;
    const removedAt = removalsDelivered.get(event.session.token);
    if (removedAt === undefined) return;
    broughtBack.push(
      `${event.session.token} (${event.session.id}) ${event.kind} at t=${scenario.runtime.now()} ms, after its removal reached the router (entry ${removedAt})`,
    );
  });
  return broughtBack;
}

/**
 * The gate's reason to exist: a duplicate, late or stale chunk may carry a session ended
 * since, and caching it would bring that session back. The channel is FIFO and tokens are
 * never reused, so under `fixed` nothing the controller sends after a removal names the token.
 */
export const final = defineInvariant<RouterScenario, readonly string[]>({
  name: 'final',
  promise:
    'a session whose removal reached the router is never cached again: no replay, late chunk or reordering brings it back',
  watch: watchBroughtBack,
  afterStep(_scenario, broughtBack) {
    return broughtBack[0];
  },
});
