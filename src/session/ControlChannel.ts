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

/** What one connection holds: its messages in flight and whether a delivery task is pending for each direction. */
class Connection {
  readonly inFlight: Record<Direction, WireMessage[]> = { toRouter: [], toController: [] };
  // Stryker disable next-line ObjectLiteral: equivalent, a flag not yet set reads as false
  readonly pumpScheduled: Record<Direction, boolean> = { toRouter: false, toController: false };
  constructor(
    readonly serial: number,
    /** The peers it joins, as attached when it opened: who receives in each direction. */
    readonly peers: Readonly<Record<Direction, ChannelPeer>>,
  ) {}
}

export interface ControlChannelOptions {
  /** Sees every message as it reaches its peer; the harness uses it to log traffic. */
  readonly onDeliver?: (direction: Direction, message: WireMessage) => void;
  /** Told when a connection closes, with the object that held its state: nothing should keep it from then on. */
  readonly onConnectionClosed?: (connection: object, label: string) => void;
}

/**
 * One ordered, reliable message stream per connection, in memory. Each direction
 * delivers one message per task, so deliveries interleave with everything else;
 * a close drops what is in flight, as a broken connection does.
 */
export class ControlChannel {
  private router: ChannelPeer | undefined;
  private controller: ChannelPeer | undefined;
  /** The open connection; a sender or a delivery task of an older one finds it replaced. */
  private connection: Connection | undefined;
  /** Messages handed to the channel: each is delivered, dropped or still in flight. */
  private accepted = 0;
  private delivered = 0;
  private dropped = 0;
  private connections = 0;

  constructor(
    private readonly runtime: Runtime,
    private readonly options: ControlChannelOptions = {},
  ) {}

  attach(router: ChannelPeer, controller: ChannelPeer): void {
    this.router = router;
    this.controller = controller;
  }

  isOpen(): boolean {
    return this.connection !== undefined;
  }

  /** Opens a new connection; the controller answers with a full sync. */
  connect(): void {
    if (this.router === undefined || this.controller === undefined) throw new ChannelNotAttachedError();
    if (this.connection !== undefined) return;
    const connection = new Connection(++this.connections, { toRouter: this.router, toController: this.controller });
    this.connection = connection;
    this.router.connected({ send: (m) => this.enqueue(connection, 'toController', m) });
    this.controller.connected({ send: (m) => this.enqueue(connection, 'toRouter', m) });
  }

  /** Breaks the connection: in-flight messages are lost, both sides are told. */
  close(): void {
    const connection = this.connection;
    if (connection === undefined) return;
    this.connection = undefined;
    this.dropped += connection.inFlight.toRouter.length + connection.inFlight.toController.length;
    connection.peers.toRouter.disconnected();
    connection.peers.toController.disconnected();
    this.options.onConnectionClosed?.(connection, `connection ${connection.serial}, closed`);
  }

  /** Puts a message on the wire to the router as if the controller had sent it (adversarial input). */
  injectToRouter(message: WireMessage): void {
    if (this.connection !== undefined) this.enqueue(this.connection, 'toRouter', message);
  }

  /** The message in flight to the router at `index` (0 is delivered next), if there is one. */
  inFlightToRouter(index: number): WireMessage | undefined {
    return this.connection?.inFlight.toRouter[index];
  }

  /** Puts `message` on the wire to the router just ahead of the one at `index` (adversarial input); false if none. */
  insertInFlightToRouter(index: number, message: WireMessage): boolean {
    const queue = this.connection?.inFlight.toRouter;
    if (queue === undefined || !Number.isInteger(index) || index < 0 || index >= queue.length) return false;
    queue.splice(index, 0, message);
    this.accepted++;
    return true;
  }

  /** Loses the message in flight to the router at `index`, as a dropped frame would (the model's adversary). */
  dropInFlightToRouter(index: number): WireMessage | undefined {
    const queue = this.connection?.inFlight.toRouter;
    if (queue === undefined || !Number.isInteger(index) || index < 0 || index >= queue.length) return undefined;
    this.dropped++;
    return queue.splice(index, 1)[0];
  }

  /** Swaps the message in flight to the router at `index` for `message` (a damaged copy); false if none. */
  replaceInFlightToRouter(index: number, message: WireMessage): boolean {
    const queue = this.connection?.inFlight.toRouter;
    if (queue === undefined || !Number.isInteger(index) || index < 0 || index >= queue.length) return false;
    queue[index] = message;
    return true;
  }

  pending(direction: Direction): number {
    return this.connection?.inFlight[direction].length ?? 0;
  }

  counts(): { accepted: number; delivered: number; dropped: number; connections: number } {
    return { accepted: this.accepted, delivered: this.delivered, dropped: this.dropped, connections: this.connections };
  }

  private enqueue(connection: Connection, direction: Direction, message: WireMessage): void {
    this.accepted++;
    // A sender holding the uplink of a closed connection writes into nothing: lost.
    if (connection !== this.connection) {
      this.dropped++;
      return;
    }
    connection.inFlight[direction].push(message);
    this.schedulePump(connection, direction);
  }

  private schedulePump(connection: Connection, direction: Direction): void {
    if (connection.pumpScheduled[direction] || connection.inFlight[direction].length === 0) return;
    connection.pumpScheduled[direction] = true;
    // The task names the connection by its serial only: a pending task must not keep a closed connection alive.
    const serial = connection.serial;
    // Stryker disable all: the task's label, text for traces and replays; nothing acts on it
    const peerName = direction === 'toRouter' ? 'router' : 'controller';
    const label = () => {
      if (this.connection?.serial !== serial) return `delivery to ${peerName} of a closed connection (does nothing)`;
      const inFlight = this.connection.inFlight[direction];
      // A lost message leaves its delivery task behind with nothing to deliver.
      return inFlight.length === 0
        ? `delivery to ${peerName} with nothing left in flight (does nothing)`
        : `deliver ${describeMessage(inFlight[0])} to ${peerName}`;
    };
    // Stryker restore all
    this.runtime.spawn(label, () => {
      const current = this.connection;
      // A delivery task of a closed connection: the new connection has its own.
      if (current?.serial !== serial) return;
      current.pumpScheduled[direction] = false;
      // Judged by length: a hostile peer may send `undefined` itself, and it must arrive.
      const inFlight = current.inFlight[direction];
      if (inFlight.length === 0) return;
      const message = inFlight.shift() as WireMessage;
      this.delivered++;
      this.options.onDeliver?.(direction, message);
      current.peers[direction].receive(message);
      this.schedulePump(current, direction);
    });
  }
}
