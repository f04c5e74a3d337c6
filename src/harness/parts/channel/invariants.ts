import { isDeepStrictEqual } from 'node:util';
import { defineInvariant } from '../../engine/Invariant.js';
import { firstDifference, shown } from '../differences.js';
import type { ChannelEvent, ExpectedEvent } from './ChannelModel.js';
import type { ChannelScenario } from './ChannelScenario.js';

/** A close is told with a label that names its connection's serial; any other event as expected, exactly. */
function sameEvent(event: ChannelEvent | undefined, expected: ExpectedEvent | undefined): boolean {
  if (expected?.kind === 'closed') {
    return event?.kind === 'closed' && new RegExp(`\\b${expected.connection}\\b`).test(event.label);
  }
  return isDeepStrictEqual(event, expected);
}

/** What the step made the channel tell its peers and hooks, in order. */
function toldDifference(scenario: ChannelScenario): string | undefined {
  const { journal } = scenario;
  const expected = scenario.model.expected;
  const length = Math.max(journal.length, expected.length);
  for (let i = 0; i < length; i++) {
    if (!sameEvent(journal[i], expected[i])) {
      return `the channel told ${shown(journal)}; the model says ${shown(expected)} (first difference at ${i})`;
    }
  }
  return undefined;
}

/** The channel's whole observable state against the model's. */
function stateDifference(scenario: ChannelScenario): string | undefined {
  const { channel, model, runtime } = scenario;
  const counts = channel.counts();
  const pending = { toRouter: channel.pending('toRouter'), toController: channel.pending('toController') };
  const toRouter = model.inFlight.toRouter;
  const state = firstDifference(
    'the channel',
    {
      open: channel.isOpen(),
      counts,
      pending,
      // One past the end too: nothing is there.
      inFlightToRouter: Array.from({ length: toRouter.length + 1 }, (_, i) => channel.inFlightToRouter(i)),
      // At most one delivery task per direction per connection: a flood of tasks would show here.
      tasks: runtime.runnableCount(),
      closedConnections: new Set(scenario.closedConnections).size,
    },
    {
      open: model.open !== undefined,
      counts: {
        accepted: model.accepted,
        delivered: model.delivered,
        dropped: model.dropped,
        connections: model.connections,
      },
      pending: { toRouter: toRouter.length, toController: model.inFlight.toController.length },
      inFlightToRouter: [...toRouter, undefined],
      tasks: model.tasks.length,
      // Each close reports its own connection object, once.
      closedConnections: scenario.withHooks ? scenario.closes : 0,
    },
  );
  if (state !== undefined) return state;
  // Every message taken is delivered, dropped or still in flight.
  const accounted = counts.delivered + counts.dropped + pending.toRouter + pending.toController;
  return counts.accepted === accounted
    ? undefined
    : `the channel accepted ${counts.accepted} message(s) but accounts for ${accounted}`;
}

/** After every step the channel has told, holds and counts what the model says. */
export const channelModel = defineInvariant<ChannelScenario>({
  name: 'model',
  promise: 'the channel carries each message once, in order, one per task, and refuses every misuse without a trace',
  afterStep: (scenario) => scenario.takeAnswerDifference() ?? toldDifference(scenario) ?? stateDifference(scenario),
});

export const CHANNEL_INVARIANTS = { model: channelModel } as const;
