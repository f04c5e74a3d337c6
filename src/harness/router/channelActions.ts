import { HarnessError } from '../../errors.js';
import type { ControlChannel } from '../../session/ControlChannel.js';
import type { WireMessage } from '../../session/messages.js';

/**
 * The channel did not do what the harness asked, though the harness read the index from
 * the channel itself. A quiet refusal would leave a case testing less than its steps say
 * (a chunk "lost" that still arrives), so it ends the case as a fault of the channel.
 */
export class ChannelActionError extends HarnessError {
  constructor(action: string, detail: string) {
    super(
      'internal',
      `the control channel did not ${action}: ${detail}; the channel (src/session/ControlChannel.ts) is broken`,
    );
    this.name = 'ChannelActionError';
  }
}

function check(ok: boolean, action: string, detail: () => string): void {
  if (!ok) throw new ChannelActionError(action, detail());
}

/** Opens the channel, which must then be open. */
export function openChannel(channel: ControlChannel): void {
  channel.connect();
  check(channel.isOpen(), 'open', () => 'it is still closed after connect()');
}

/** Closes the channel: it must then be closed, with nothing in flight. */
export function closeChannel(channel: ControlChannel): void {
  channel.close();
  check(!channel.isOpen(), 'close', () => 'it is still open after close()');
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
