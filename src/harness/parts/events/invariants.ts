import { isDeepStrictEqual } from 'node:util';
import { defineInvariant } from '../../engine/Invariant.js';
import { shown } from '../differences.js';
import type { EventsScenario } from './EventsScenario.js';

/**
 * After every step each listener has heard exactly the events told since it subscribed
 * and before it was let go (one let go must hear nothing more, or a checker of one case
 * would judge the next), and the stream says it is observed exactly when someone listens.
 */
export const eventsModel = defineInvariant<EventsScenario>({
  name: 'model',
  promise: 'every listener hears each event once, in order, until it is let go; observed means someone listens',
  afterStep(scenario) {
    const listening = scenario.listeners.some((listener) => listener.active);
    if (scenario.events.observed !== listening) {
      return `the stream says observed is ${scenario.events.observed} with ${listening ? 'a listener' : 'no listener'} subscribed`;
    }
    for (const [index, listener] of scenario.listeners.entries()) {
      if (!isDeepStrictEqual(listener.heard, listener.expected)) {
        return `listener #${index} heard ${shown(listener.heard)}; it should have heard ${shown(listener.expected)}`;
      }
    }
    return undefined;
  },
});

export const EVENTS_INVARIANTS = { model: eventsModel } as const;
