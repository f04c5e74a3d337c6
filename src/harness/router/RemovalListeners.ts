import type { StateManager } from '../../session/StateManager.js';

/** One listener on a session's removal, as an edge connection of that session registers it. */
interface Registration {
  readonly token: string;
  calls: number;
  /** Calls when it unsubscribed; undefined while it listens. */
  callsAtUnsubscribe: number | undefined;
  unsubscribe: () => void;
}

/**
 * The model's edge connections: each listens for the removal of the session it was opened
 * with, as a router closes a connection whose session ended. The router must tell each
 * listener once when its session leaves the cache, never after it unsubscribed, and hold
 * only the listeners of cached sessions (a listener kept past its session is a leak).
 */
export class RemovalListeners {
  private readonly registrations: Registration[] = [];

  constructor(private readonly state: StateManager) {}

  listen(token: string): void {
    const registration: Registration = { token, calls: 0, callsAtUnsubscribe: undefined, unsubscribe: () => undefined };
    registration.unsubscribe = this.state.addApiSessionRemovedListener(token, () => {
      registration.calls++;
    });
    this.registrations.push(registration);
  }

  /** Unsubscribes the listening registration at `pick` (modulo how many listen); its token, or undefined if none listens. */
  unsubscribe(pick: number): string | undefined {
    const listening = this.registrations.filter((r) => r.callsAtUnsubscribe === undefined);
    const registration = listening[pick % Math.max(1, listening.length)];
    if (registration === undefined) return undefined;
    registration.callsAtUnsubscribe = registration.calls;
    registration.unsubscribe();
    return registration.token;
  }

  /** What the router did wrong by its listeners, if anything. */
  check(): string | undefined {
    let live = 0;
    for (const r of this.registrations) {
      const cached = this.state.getApiSession(r.token) !== undefined;
      const listening = r.callsAtUnsubscribe === undefined;
      if (r.calls > 1) return `a removal listener on ${r.token} was told ${r.calls} times`;
      if (!listening && r.calls > (r.callsAtUnsubscribe ?? 0)) {
        return `a removal listener on ${r.token} was told after it unsubscribed`;
      }
      if (listening && !cached && r.calls === 0) {
        return `${r.token} left the cache, but a listener on its removal was not told`;
      }
      if (listening && cached && r.calls > 0)
        return `a removal listener on ${r.token} was told while it is still cached`;
      if (listening && cached) live++;
    }
    const held = this.state.removedListenerCount();
    if (held !== live) return `the router holds ${held} removal listener(s), but ${live} listen on cached sessions`;
    return undefined;
  }
}
