import { HarnessError } from '../../errors.js';
import type { ControlChannel } from '../../session/ControlChannel.js';
import type { Controller } from '../../session/Controller.js';
import type { WireMessage } from '../../session/messages.js';

type Peer = 'control channel' | 'controller';
const SOURCES: Record<Peer, string> = {
  'control channel': 'src/session/ControlChannel.ts',
  controller: 'src/session/Controller.ts',
};

/**
 * The router's peer in the model (the channel or the controller) did not do what the
 * harness asked. A quiet refusal would leave a case testing less than its steps say (a
 * chunk "lost" that still arrives, a session "ended" that lives on), so it ends the case.
 */
export class PeerActionError extends HarnessError {
  constructor(peer: Peer, action: string, detail: string) {
    super('internal', `the ${peer} did not ${action}: ${detail}; the model's ${peer} (${SOURCES[peer]}) is broken`);
    this.name = 'PeerActionError';
  }
}

function check(ok: boolean, action: string, detail: () => string, peer: Peer = 'control channel'): void {
  if (!ok) throw new PeerActionError(peer, action, detail());
}

/** Opens the channel, which must then be open. */
export function openChannel(channel: ControlChannel): void {
  channel.connect();
  check(channel.isOpen(), 'open', () => 'it is still closed after connect()');
}

/** Closes the channel: it must then be closed, with nothing in flight, and the controller told (it streams no more). */
export function closeChannel(channel: ControlChannel, controller: Controller): void {
  channel.close();
  check(!channel.isOpen(), 'close', () => 'it is still open after close()');
  check(
    !controller.isStreaming(),
    'stop streaming',
    () => 'the channel closed, yet it still streams a sync',
    'controller',
  );
  check(
    channel.pending('toRouter') + channel.pending('toController') === 0,
    'close',
    () => 'messages are still in flight',
  );
}

function inRange(channel: ControlChannel, index: number): number {
  const pending = channel.pending('toRouter');
  check(
    Number.isInteger(index) && index >= 0 && index < pending,
    'find',
    () => `no message #${index} of ${pending} in flight`,
  );
  return pending;
}

/** Loses the message at `index`, which must be the one there, and returns it. */
export function loseInFlight(channel: ControlChannel, index: number): WireMessage {
  const pending = inRange(channel, index);
  const expected = channel.inFlightToRouter(index);
  const lost = channel.dropInFlightToRouter(index);
  check(lost !== undefined && lost === expected, 'lose', () => `in-flight message #${index} of ${pending}`);
  check(
    channel.pending('toRouter') === pending - 1,
    'lose',
    () => `${pending} in flight before, ${channel.pending('toRouter')} after`,
  );
  return lost as WireMessage;
}

/** Puts `message` in place of the one at `index`. */
export function replaceInFlight(channel: ControlChannel, index: number, message: WireMessage): void {
  const pending = inRange(channel, index);
  const replaced = channel.replaceInFlightToRouter(index, message);
  check(
    replaced && channel.inFlightToRouter(index) === message,
    'replace',
    () => `in-flight message #${index} of ${pending}`,
  );
  check(
    channel.pending('toRouter') === pending,
    'replace',
    () => `${pending} in flight before, ${channel.pending('toRouter')} after`,
  );
}

/** Puts `message` just ahead of the one at `index`. */
export function insertInFlight(channel: ControlChannel, index: number, message: WireMessage): void {
  const pending = inRange(channel, index);
  const following = channel.inFlightToRouter(index);
  const inserted = channel.insertInFlightToRouter(index, message);
  check(
    inserted && channel.inFlightToRouter(index) === message && channel.inFlightToRouter(index + 1) === following,
    'insert',
    () => `a message ahead of in-flight message #${index} of ${pending}`,
  );
  check(
    channel.pending('toRouter') === pending + 1,
    'insert',
    () => `${pending} in flight before, ${channel.pending('toRouter')} after`,
  );
}

/** The controller creates `count` sessions, each one more live. */
export function createSessions(controller: Controller, count: number): void {
  const before = controller.liveSessionCount();
  for (let i = 0; i < count; i++) controller.createSession();
  const after = controller.liveSessionCount();
  check(
    after === before + count,
    `create ${count} session(s)`,
    () => `${before} live before, ${after} after`,
    'controller',
  );
}

/** The controller updates the live session `token`, which must then hold a new object. */
export function updateSession(controller: Controller, token: string): void {
  const before = controller.getSession(token);
  const updated = controller.updateSession(token);
  const after = controller.getSession(token);
  check(
    updated && after !== undefined && after !== before,
    `update ${token}`,
    () => 'it was live before',
    'controller',
  );
}

/** The controller ends the live session `token`, which must then be gone. */
export function endSession(controller: Controller, token: string): void {
  const ended = controller.endSession(token);
  check(ended && controller.getSession(token) === undefined, `end ${token}`, () => 'it was live before', 'controller');
}
