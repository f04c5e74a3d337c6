import type { RouterEvent } from '../../../session/RouterEvents.js';

/** One listener as the case subscribed it: what it heard, and what it must have heard. */
export interface ListenerModel {
  readonly heard: RouterEvent[];
  readonly expected: RouterEvent[];
  active: boolean;
  stop: () => void;
}

/** The stream's contract for one listener: it hears every event from its subscription until it is let go. */
export function listenerModel(): ListenerModel {
  return { heard: [], expected: [], active: true, stop: () => undefined };
}
