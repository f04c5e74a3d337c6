import fc from 'fast-check';
import { z } from 'zod';
import type { ControlChannel } from '../../../session/ControlChannel.js';
import type { WireMessage } from '../../../session/messages.js';
import { insertInFlight } from '../peerActions.js';
import { decodeHostile, describeHostile, type Hostile } from './Hostile.js';
import { hostileMessageArbitrary } from './hostileArbitrary.js';
import { hostileSchema } from './hostileSchema.js';
import {
  applyMutation,
  describeMutation,
  type MessageMutation,
  mutationArbitrary,
  mutationSchema,
} from './MessageMutation.js';
import { isWellFormedMessage } from './wellFormedMessage.js';

/** Put anything at all on the wire to the router, as if the controller had sent it. */
export interface HostileStep {
  readonly op: 'hostile';
  readonly message: Hostile;
}

/**
 * A damaged copy of the message in flight to the router at `pick` (modulo how many are
 * in flight), sent just ahead of it. The original still follows: a message lost would
 * be a fault of the channel, and can rightly cost the router a session.
 */
export interface MutateStep {
  readonly op: 'mutate';
  readonly pick: number;
  readonly mutation: MessageMutation;
}

/** The fields of each step besides `op`, bounded as every field of a counterexample file is. */
export const hostileStepFields = { message: hostileSchema };
export const mutateStepFields = { pick: z.number().int().min(0).max(1_000_000), mutation: mutationSchema };

export const hostileStepData = fc.record({ message: hostileMessageArbitrary });
export const mutateStepData = fc.record({ pick: fc.nat({ max: 7 }), mutation: mutationArbitrary });

export function describeHostileStep(step: HostileStep): string {
  return `send hostile message ${describeHostile(step.message)}`;
}

export function describeMutateStep(step: MutateStep): string {
  return `send a damaged copy of in-flight message #${step.pick}: ${describeMutation(step.mutation)}`;
}

/** What these steps need of a scenario: the wire, and a way to mark what is adversarial on it. */
export interface AdversarialWire {
  readonly channel: ControlChannel;
  tag(value: unknown, description: string): void;
  isAdversarial(value: unknown): boolean;
}

/**
 * Sends the decoded value, unless it happens to be a well-formed message: that would
 * be input the router must take, not damage. The check reads its own decoded copy,
 * since reading may run getters.
 */
export function applyHostileStep(wire: AdversarialWire, step: HostileStep): string {
  if (!wire.channel.isOpen()) return 'channel closed: nothing sent';
  if (isWellFormedMessage(decodeHostile(step.message))) return 'well-formed: not sent';
  const message = decodeHostile(step.message);
  wire.tag(message, `hostile message ${describeHostile(step.message)}`);
  // Deliberately not a WireMessage: the router must cope with whatever arrives.
  wire.channel.injectToRouter(message as WireMessage);
  return 'sent';
}

/** Sends a damaged copy of one in-flight message ahead of it, unless the copy is still well-formed. */
export function applyMutateStep(wire: AdversarialWire, step: MutateStep): string {
  const count = wire.channel.pending('toRouter');
  if (count === 0) return 'nothing in flight';
  const index = step.pick % count;
  const original = wire.channel.inFlightToRouter(index);
  if (original === undefined || wire.isAdversarial(original)) return `in-flight #${index} is adversarial already`;
  if (isWellFormedMessage(applyMutation(original, step.mutation))) return 'still well-formed: not sent';
  const damaged = applyMutation(original, step.mutation);
  wire.tag(damaged, `${original.contentType} with ${describeMutation(step.mutation)}`);
  insertInFlight(wire.channel, index, damaged as WireMessage);
  return `damaged copy of in-flight #${index} sent`;
}
