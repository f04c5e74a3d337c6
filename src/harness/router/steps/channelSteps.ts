import fc from 'fast-check';
import { z } from 'zod';
import { describeMessage } from '../../../session/describeMessage.js';
import { ContentType, type WireMessage } from '../../../session/messages.js';
import { stepKind } from '../../engine/StepTable.js';
import { closeChannel, loseInFlight, replaceInFlight } from '../peerActions.js';
import type { RouterScenario } from '../RouterScenario.js';
import { PICK_LIMIT, pick } from './pick.js';

/** Close the control channel; in-flight messages are lost. */
export const closeStep = stepKind({
  op: 'close',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'close channel',
  apply(_step, scenario: RouterScenario) {
    if (!scenario.system.channel.isOpen()) return 'already closed';
    closeChannel(scenario.system.channel, scenario.system.controller);
    scenario.deliveries.forgetChunks();
    return 'closed';
  },
});

/** Reconnect after a close; the controller starts a fresh full sync. */
export const reconnectStep = stepKind({
  op: 'reconnect',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'reconnect channel',
  apply(_step, scenario: RouterScenario) {
    if (scenario.system.channel.isOpen()) return 'already open';
    scenario.reconnect();
    return 'reconnected';
  },
});

/**
 * Indexes of the full-state chunks in flight to the router; `laterOnly` leaves out first
 * chunks: a sync whose only chunk is lost never reaches the router, so nothing could recover.
 */
function chunksInFlight(scenario: RouterScenario, laterOnly = false): number[] {
  const { channel } = scenario.system;
  const indexes: number[] = [];
  for (let i = 0; i < channel.pending('toRouter'); i++) {
    const message = channel.inFlightToRouter(i);
    // Adversarial messages first: reading one may run a getter that throws.
    if (message === undefined || scenario.adversary.isAdversarial(message)) continue;
    const body = message.body as { isFullState?: unknown } | undefined;
    if (message.contentType !== ContentType.ApiSessionAdded || body?.isFullState !== true) continue;
    if (laterOnly && (JSON.parse(message.headers.syncState ?? '{}') as { sequence?: number }).sequence === 0) continue;
    indexes.push(i);
  }
  return indexes;
}

/**
 * A dropped frame: one full-state chunk in flight to the router is lost, never the first of
 * its sync. Only chunks: a lost live event is never sent again, and no router could make up
 * for it; a lost later chunk costs its sync a deadline and a resync, the path this reaches.
 */
export const loseStep = stepKind({
  op: 'lose',
  fields: { pick: z.number().int().min(0).max(PICK_LIMIT) },
  generate: fc.record({ pick }),
  weight: 1,
  describe: (step) => `lose in-flight chunk #${step.pick}`,
  apply(step, scenario: RouterScenario) {
    const chunks = chunksInFlight(scenario, true);
    const index = chunks[step.pick % Math.max(1, chunks.length)];
    if (index === undefined) return 'no later chunk in flight';
    const lost = loseInFlight(scenario.system.channel, index);
    return `lost ${describeMessage(lost)}`;
  },
});

/** A chunk in flight whose body no longer parses; its sync headers still read, so the router can end that sync at once. */
export const corruptStep = stepKind({
  op: 'corrupt',
  fields: { pick: z.number().int().min(0).max(PICK_LIMIT) },
  generate: fc.record({ pick }),
  weight: 1,
  describe: (step) => `corrupt the body of in-flight chunk #${step.pick}`,
  apply(step, scenario: RouterScenario) {
    const chunks = chunksInFlight(scenario);
    const index = chunks[step.pick % Math.max(1, chunks.length)];
    const original = index === undefined ? undefined : scenario.system.channel.inFlightToRouter(index);
    if (index === undefined || original === undefined) return 'no chunk in flight';
    const damaged: WireMessage = { ...original, body: { isFullState: true, apiSessions: 'corrupted in flight' } };
    scenario.adversary.tag(damaged, `${describeMessage(original)} with a corrupted body`);
    scenario.markCorrupted(damaged, original);
    replaceInFlight(scenario.system.channel, index, damaged);
    return `corrupted ${describeMessage(original)}`;
  },
});
