import { describe, expect, it } from 'vitest';
import { VirtualRuntime } from '../../../src/runtime/VirtualRuntime.js';
import { Controller, ControllerInputError } from '../../../src/session/Controller.js';
import {
  type ApiSessionAddedBody,
  ContentType,
  resyncRequest,
  type SyncState,
  SyncStateHeader,
  type WireMessage,
} from '../../../src/session/messages.js';

function controllerOnVirtualTime(chunkSize = 100) {
  const runtime = new VirtualRuntime();
  const controller = new Controller({ runtime, chunkSize });
  const sent: WireMessage[] = [];
  return { runtime, controller, sent, connect: () => controller.connected({ send: (m) => sent.push(m) }) };
}

const syncState = (m: WireMessage): SyncState => JSON.parse(m.headers[SyncStateHeader] ?? '{}') as SyncState;
const fullChunks = (sent: WireMessage[]) => sent.filter((m) => (m.body as ApiSessionAddedBody).isFullState === true);

describe('Controller', () => {
  it('answers a connection with a full sync in chunks, the last one marked', () => {
    const { runtime, controller, sent, connect } = controllerOnVirtualTime(100);
    for (let i = 0; i < 250; i++) controller.createSession();
    connect();
    runtime.runRunnable();
    const chunks = fullChunks(sent);
    expect(chunks.map((m) => [syncState(m).sequence, syncState(m).isLast])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
    expect(chunks.map((m) => (m.body as ApiSessionAddedBody).apiSessions.length)).toEqual([100, 100, 50]);
    expect(controller.syncHistory()[0]).toMatchObject({
      chunksSent: 3,
      totalChunks: 3,
      sessionsSent: 250,
      complete: true,
    });
    expect(controller.isStreaming()).toBe(false);
  });

  it('sends one empty last chunk when it has no sessions', () => {
    const { runtime, sent, connect } = controllerOnVirtualTime();
    connect();
    runtime.runRunnable();
    expect(sent.map((m) => syncState(m))).toEqual([{ id: 'sync-000000000001', isLast: true, sequence: 0 }]);
  });

  it('gives every sync a larger id and abandons the one still streaming', () => {
    const { runtime, controller, sent, connect } = controllerOnVirtualTime(1);
    for (let i = 0; i < 3; i++) controller.createSession();
    connect();
    runtime.runAt(0);
    controller.receive(resyncRequest('test'));
    runtime.runRunnable();
    const ids = fullChunks(sent).map((m) => `${syncState(m).id}/${syncState(m).sequence}`);
    expect(ids).toEqual(['sync-000000000001/0', 'sync-000000000002/0', 'sync-000000000002/1', 'sync-000000000002/2']);
    expect(controller.resyncRequestsReceived()).toBe(1);
    expect(controller.syncHistory()[1]?.reason).toBe('resync requested: test');
  });

  it('leaves out of a chunk a session ended after the snapshot', () => {
    const { runtime, controller, sent, connect } = controllerOnVirtualTime(1);
    const sessions = [controller.createSession(), controller.createSession()];
    connect();
    runtime.runAt(0);
    controller.endSession(sessions[1]?.token ?? '');
    runtime.runRunnable();
    const bodies = fullChunks(sent).map((m) => (m.body as ApiSessionAddedBody).apiSessions.length);
    expect(bodies).toEqual([1, 0]);
    expect(sent.some((m) => m.contentType === ContentType.ApiSessionRemoved)).toBe(true);
  });

  it('sends live events while connected and says false for a token it does not have', () => {
    const { controller, sent, connect } = controllerOnVirtualTime();
    connect();
    const s = controller.createSession();
    expect(controller.updateSession(s.token)).toBe(true);
    expect(controller.endSession(s.token)).toBe(true);
    expect(controller.updateSession(s.token)).toBe(false);
    expect(controller.endSession('no-such-token')).toBe(false);
    expect(sent.map((m) => m.contentType)).toEqual([
      ContentType.ApiSessionAdded,
      ContentType.ApiSessionUpdated,
      ContentType.ApiSessionRemoved,
    ]);
    expect(controller.liveSessionCount()).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses chunk size %s with an error that names it', (chunkSize) => {
    expect(() => new Controller({ runtime: new VirtualRuntime(), chunkSize })).toThrow(ControllerInputError);
    expect(() => new Controller({ runtime: new VirtualRuntime(), chunkSize })).toThrow(/positive integer/);
  });
});
