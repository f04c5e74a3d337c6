import type { Runtime } from '../runtime/Runtime.js';
import { describeMessage } from './describeMessage.js';
import type { WireMessage } from './messages.js';

/** How one side of a connection sends. */
export interface Uplink {
  send(message: WireMessage): void;
}

/** A router or controller plugged into the channel. */
export interface ChannelPeer {
  connected(uplink: Uplink): void;
  disconnected(): void;
  receive(message: WireMessage): void;
}

export type Direction = 'toRouter' | 'toController';

export class ChannelNotAttachedError extends Error {
  constructor() {
    super('control channel has no router and controller attached; call attach(router, controller) first');
    this.name = 'ChannelNotAttachedError';
  }
}

/**
 * One ordered, reliable message stream per connection, in memory. Each direction
 * delivers one message per task, so deliveries interleave with everything else;
 * a close drops what is in flight, as a broken connection does.
 */
export class ControlChannel {
  private router: ChannelPeer | undefined;
  private controller: ChannelPeer | undefined;
  private open = false;
  private epoch = 0;
  private readonly inFlight: Record<Direction, WireMessage[]> = { toRouter: [], toController: [] };
  private readonly pumpScheduled: Record<Direction, boolean> = { toRouter: false, toController: false };
  private delivered = 0;
  private dropped = 0;
  private connections = 0;

  /** `onDeliver` sees every message as it reaches its peer; the harness uses it to log traffic. */
  constructor(
    private readonly runtime: Runtime,
    private readonly onDeliver?: (direction: Direction, message: WireMessage) => void,
  ) {}

  attach(router: ChannelPeer, controller: ChannelPeer): void {
    this.router = router;
    this.controller = controller;
  }

  isOpen(): boolean {
    return this.open;
  }

  /** Opens a new connection; the controller answers with a full sync. */
  connect(): void {
    if (this.router === undefined || this.controller === undefined) throw new ChannelNotAttachedError();
    if (this.open) return;
    this.open = true;
    this.epoch++;
    this.connections++;
    const epoch = this.epoch;
    this.router.connected({ send: (m) => this.enqueue('toController', m, epoch) });
    this.controller.connected({ send: (m) => this.enqueue('toRouter', m, epoch) });
  }

  /** Breaks the connection: in-flight messages are lost, both sides are told. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.epoch++;
    this.dropped += this.inFlight.toRouter.length + this.inFlight.toController.length;
    this.inFlight.toRouter = [];
    this.inFlight.toController = [];
    this.pumpScheduled.toRouter = false;
    this.pumpScheduled.toController = false;
    this.router?.disconnected();
    this.controller?.disconnected();
  }

  /** Puts a message on the wire to the router as if the controller had sent it (adversarial input). */
  injectToRouter(message: WireMessage): void {
    if (this.open) this.enqueue('toRouter', message, this.epoch);
  }

  /** The message in flight to the router at `index` (0 is delivered next), if there is one. */
  inFlightToRouter(index: number): WireMessage | undefined {
    return this.inFlight.toRouter[index];
  }

  /** Puts `message` on the wire to the router just ahead of the one at `index` (adversarial input); false if none. */
  insertInFlightToRouter(index: number, message: WireMessage): boolean {
    if (!Number.isInteger(index) || index < 0 || index >= this.inFlight.toRouter.length) return false;
    this.inFlight.toRouter.splice(index, 0, message);
    return true;
  }

  pending(direction: Direction): number {
    return this.inFlight[direction].length;
  }

  counts(): { delivered: number; dropped: number; connections: number } {
    return { delivered: this.delivered, dropped: this.dropped, connections: this.connections };
  }

  private enqueue(direction: Direction, message: WireMessage, epoch: number): void {
    // A sender holding a stale uplink writes into a closed connection: lost.
    if (epoch !== this.epoch || !this.open) {
      this.dropped++;
      return;
    }
    this.inFlight[direction].push(message);
    this.schedulePump(direction);
  }

  private schedulePump(direction: Direction): void {
    if (this.pumpScheduled[direction] || this.inFlight[direction].length === 0) return;
    this.pumpScheduled[direction] = true;
    const epoch = this.epoch;
    const peerName = direction === 'toRouter' ? 'router' : 'controller';
    const label = () =>
      epoch === this.epoch
        ? `deliver ${describeMessage(this.inFlight[direction][0])} to ${peerName}`
        : `delivery to ${peerName} of a closed connection (does nothing)`;
    this.runtime.spawn(label, () => {
      // A pump of a closed connection: the new connection has its own.
      if (epoch !== this.epoch) return;
      this.pumpScheduled[direction] = false;
      const message = this.inFlight[direction].shift();
      if (message === undefined) return;
      this.delivered++;
      this.onDeliver?.(direction, message);
      const peer = direction === 'toRouter' ? this.router : this.controller;
      peer?.receive(message);
      this.schedulePump(direction);
    });
  }
}
