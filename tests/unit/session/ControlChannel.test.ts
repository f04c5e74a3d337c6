import { describe, expect, it } from 'vitest';
import { VirtualRuntime } from '../../../src/runtime/VirtualRuntime.js';
import {
  ChannelNotAttachedError,
  type ChannelPeer,
  ControlChannel,
  type Uplink,
} from '../../../src/session/ControlChannel.js';
import { resyncRequest, type WireMessage } from '../../../src/session/messages.js';

class RecordingPeer implements ChannelPeer {
  uplink: Uplink | undefined;
  readonly received: string[] = [];
  disconnects = 0;
  connected(uplink: Uplink): void {
    this.uplink = uplink;
  }
  disconnected(): void {
    this.disconnects++;
  }
  receive(message: WireMessage): void {
    this.received.push((message.body as { reason: string }).reason);
  }
}

function channelOnVirtualTime() {
  const runtime = new VirtualRuntime();
  const router = new RecordingPeer();
  const controller = new RecordingPeer();
  const channel = new ControlChannel(runtime);
  channel.attach(router, controller);
  channel.connect();
  return { runtime, router, controller, channel };
}

describe('ControlChannel', () => {
  it('puts an injected message ahead of one in flight, which is still delivered after it', () => {
    const { runtime, router, controller, channel } = channelOnVirtualTime();
    for (const reason of ['a', 'b']) controller.uplink?.send(resyncRequest(reason));
    expect(channel.inFlightToRouter(1)?.body).toEqual({ reason: 'b' });
    expect(channel.insertInFlightToRouter(1, resyncRequest('inserted'))).toBe(true);
    expect(channel.insertInFlightToRouter(3, resyncRequest('nowhere'))).toBe(false);
    runtime.runRunnable();
    expect(router.received).toEqual(['a', 'inserted', 'b']);
  });

  it('names a delivery task whose message was lost as one that does nothing', () => {
    const { runtime, router, controller, channel } = channelOnVirtualTime();
    controller.uplink?.send(resyncRequest('a'));
    expect(runtime.runnable().map((work) => work.label)).toEqual(['deliver resync request to router']);
    channel.dropInFlightToRouter(0);
    expect(runtime.runnable().map((work) => work.label)).toEqual([
      'delivery to router with nothing left in flight (does nothing)',
    ]);
    runtime.runRunnable();
    expect(router.received).toEqual([]);
  });

  it('delivers in send order, one message per task', () => {
    const { runtime, router, controller } = channelOnVirtualTime();
    for (const reason of ['a', 'b', 'c']) controller.uplink?.send(resyncRequest(reason));
    expect(router.received).toEqual([]);
    runtime.runAt(0);
    expect(router.received).toEqual(['a']);
    runtime.runRunnable();
    expect(router.received).toEqual(['a', 'b', 'c']);
  });

  it('loses what is in flight on close and what a stale uplink sends after a reconnect', () => {
    const { runtime, router, controller, channel } = channelOnVirtualTime();
    const oldUplink = controller.uplink;
    controller.uplink?.send(resyncRequest('lost in flight'));
    channel.close();
    expect(router.disconnects).toBe(1);
    expect(controller.disconnects).toBe(1);
    channel.connect();
    oldUplink?.send(resyncRequest('stale uplink'));
    controller.uplink?.send(resyncRequest('new connection'));
    runtime.runRunnable();
    expect(router.received).toEqual(['new connection']);
    expect(channel.counts()).toEqual({ accepted: 3, delivered: 1, dropped: 2, connections: 2 });
  });

  it('injects adversarial messages only while open', () => {
    const { runtime, router, channel } = channelOnVirtualTime();
    channel.injectToRouter(resyncRequest('injected'));
    expect(channel.pending('toRouter')).toBe(1);
    channel.close();
    channel.injectToRouter(resyncRequest('closed'));
    expect(channel.pending('toRouter')).toBe(0);
    runtime.runRunnable();
    expect(router.received).toEqual([]);
  });

  it('refuses to connect before both peers are attached', () => {
    const channel = new ControlChannel(new VirtualRuntime());
    expect(() => channel.connect()).toThrow(ChannelNotAttachedError);
    expect(() => channel.connect()).toThrow(/attach\(router, controller\)/);
  });
});
