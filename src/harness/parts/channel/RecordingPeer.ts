import type { ChannelPeer, Uplink } from '../../../session/ControlChannel.js';
import type { WireMessage } from '../../../session/messages.js';
import type { ChannelEvent, PeerName } from './ChannelModel.js';

/** A peer that only records: it never reacts, so every event it logs was the channel's doing. */
export class RecordingPeer implements ChannelPeer {
  /** Every uplink handed to it, oldest first: the older ones belong to closed connections. */
  readonly uplinks: Uplink[] = [];

  constructor(
    private readonly name: PeerName,
    private readonly journal: ChannelEvent[],
  ) {}

  connected(uplink: Uplink): void {
    this.uplinks.push(uplink);
    this.journal.push({ kind: 'connected', peer: this.name });
  }

  disconnected(): void {
    this.journal.push({ kind: 'disconnected', peer: this.name });
  }

  receive(message: WireMessage): void {
    this.journal.push({ kind: 'received', peer: this.name, message });
  }
}
