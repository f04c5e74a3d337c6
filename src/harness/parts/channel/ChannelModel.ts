import type { Direction } from '../../../session/ControlChannel.js';
import type { WireMessage } from '../../../session/messages.js';

export type PeerName = 'router' | 'controller';

/** Everything the channel tells its peers and hooks, in the order it tells them. */
export type ChannelEvent =
  | { readonly kind: 'connected' | 'disconnected'; readonly peer: PeerName }
  | { readonly kind: 'received'; readonly peer: PeerName; readonly message: WireMessage }
  | { readonly kind: 'delivered'; readonly direction: Direction; readonly message: WireMessage }
  | { readonly kind: 'closed'; readonly label: string };

/** An event as expected; a close is expected to name its connection's serial, in whatever words. */
export type ExpectedEvent =
  | Exclude<ChannelEvent, { kind: 'closed' }>
  | { readonly kind: 'closed'; readonly connection: number };

/** A delivery task as the model expects the runtime to hold it: for one connection and direction. */
interface ExpectedTask {
  readonly serial: number;
  readonly direction: Direction;
}

const receiverOf = (direction: Direction): PeerName => (direction === 'toRouter' ? 'router' : 'controller');

/**
 * What the channel's API promises, kept by hand: one ordered stream per direction per
 * connection, at most one delivery task pending per direction, one message per task,
 * nothing carried across a close.
 */
export class ChannelModel {
  attached: boolean;
  /** The serial of the open connection. */
  open: number | undefined;
  connections = 0;
  accepted = 0;
  delivered = 0;
  dropped = 0;
  inFlight: Record<Direction, WireMessage[]> = { toRouter: [], toController: [] };
  /** Delivery tasks in spawn order, as VirtualRuntime lists them. */
  readonly tasks: ExpectedTask[] = [];
  /** The connection serial of each uplink handed to each peer, oldest first. */
  readonly uplinkSerials: Record<PeerName, number[]> = { router: [], controller: [] };
  readonly expected: ExpectedEvent[] = [];

  constructor(
    attached: boolean,
    private readonly withHooks: boolean,
  ) {
    this.attached = attached;
  }

  connect(): void {
    if (this.open !== undefined) return;
    const serial = ++this.connections;
    this.open = serial;
    for (const peer of ['router', 'controller'] as const) {
      this.uplinkSerials[peer].push(serial);
      this.expected.push({ kind: 'connected', peer });
    }
  }

  close(): void {
    if (this.open === undefined) return;
    this.dropped += this.inFlight.toRouter.length + this.inFlight.toController.length;
    this.expected.push({ kind: 'disconnected', peer: 'router' }, { kind: 'disconnected', peer: 'controller' });
    if (this.withHooks) this.expected.push({ kind: 'closed', connection: this.open });
    this.open = undefined;
    this.inFlight = { toRouter: [], toController: [] };
  }

  send(serial: number, direction: Direction, message: WireMessage): void {
    this.accepted++;
    if (serial !== this.open) {
      this.dropped++;
      return;
    }
    this.inFlight[direction].push(message);
    this.scheduleDelivery(direction);
  }

  /** Whether `index` names a message in flight to the router. */
  holds(index: number): boolean {
    return this.open !== undefined && Number.isInteger(index) && index >= 0 && index < this.inFlight.toRouter.length;
  }

  runTask(index: number): void {
    const [task] = this.tasks.splice(index, 1);
    if (task === undefined || task.serial !== this.open) return;
    const queue = this.inFlight[task.direction];
    if (queue.length === 0) return;
    const message = queue.shift() as WireMessage;
    this.delivered++;
    if (this.withHooks) this.expected.push({ kind: 'delivered', direction: task.direction, message });
    this.expected.push({ kind: 'received', peer: receiverOf(task.direction), message });
    this.scheduleDelivery(task.direction);
  }

  private scheduleDelivery(direction: Direction): void {
    const open = this.open;
    if (open === undefined || this.inFlight[direction].length === 0) return;
    if (this.tasks.some((t) => t.serial === open && t.direction === direction)) return;
    this.tasks.push({ serial: open, direction });
  }
}
