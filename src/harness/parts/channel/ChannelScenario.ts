import { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import { type ChannelPeer, ControlChannel } from '../../../session/ControlChannel.js';
import type { WireMessage } from '../../../session/messages.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { type ChannelEvent, ChannelModel, type PeerName } from './ChannelModel.js';
import { RecordingPeer } from './RecordingPeer.js';

/** Which peers are attached before the first step; an `attach` step attaches both. */
export type AttachedAtStart = 'both' | 'none' | 'routerOnly' | 'controllerOnly';

/** What an untyped caller (a replay file) can pass where the types promise a value. */
const MISSING_PEER = undefined as unknown as ChannelPeer;
/** A hostile peer may put `undefined` on the wire itself; the channel must carry it like any message. */
const UNDEFINED_MESSAGE = undefined as unknown as WireMessage;

/** The control channel between two recording peers, beside its model. */
export class ChannelScenario extends PartScenario {
  readonly runtime = new VirtualRuntime();
  /** What the peers and hooks were told since the last step was judged. */
  readonly journal: ChannelEvent[] = [];
  /** The connection objects the close hook reported. */
  readonly closedConnections: object[] = [];
  readonly channel: ControlChannel;
  readonly peers: Record<PeerName, RecordingPeer>;
  readonly model: ChannelModel;
  /** Connections closed while open. */
  closes = 0;
  private messageSerial = 0;

  constructor(
    attachedAtStart: AttachedAtStart,
    readonly withHooks: boolean,
  ) {
    super();
    this.channel = new ControlChannel(
      this.runtime,
      withHooks
        ? {
            onDeliver: (direction, message) => this.journal.push({ kind: 'delivered', direction, message }),
            onConnectionClosed: (connection, label) => {
              this.closedConnections.push(connection);
              this.journal.push({ kind: 'closed', label });
            },
          }
        : undefined,
    );
    this.peers = {
      router: new RecordingPeer('router', this.journal),
      controller: new RecordingPeer('controller', this.journal),
    };
    if (attachedAtStart === 'both') this.channel.attach(this.peers.router, this.peers.controller);
    if (attachedAtStart === 'routerOnly') this.channel.attach(this.peers.router, MISSING_PEER);
    if (attachedAtStart === 'controllerOnly') this.channel.attach(MISSING_PEER, this.peers.controller);
    this.model = new ChannelModel(attachedAtStart === 'both', withHooks);
  }

  /** Each step is judged on what it alone made the channel tell. */
  override beginEntry(): void {
    this.journal.length = 0;
    this.model.expected.length = 0;
  }

  /** A fresh probe, or `undefined` as a hostile peer may send. */
  nextMessage(undefinedMessage: boolean): WireMessage {
    return undefinedMessage
      ? UNDEFINED_MESSAGE
      : { contentType: 'Probe', headers: {}, body: { serial: ++this.messageSerial } };
  }

  state(): TraceState {
    return {
      open: this.channel.isOpen(),
      toRouter: this.channel.pending('toRouter'),
      toController: this.channel.pending('toController'),
      tasks: this.runtime.runnableCount(),
    };
  }
}
