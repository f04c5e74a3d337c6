import { describe, expect, it } from 'vitest';
import { VirtualRuntime } from '../../../src/runtime/VirtualRuntime.js';
import { ReceiveQueue, type SyncRequest } from '../../../src/session/ReceiveQueue.js';
import { sessions } from '../../support/routerFixture.js';

function queueOnVirtualTime(capacity = 2) {
  const runtime = new VirtualRuntime();
  const consumed: SyncRequest[] = [];
  const queue = new ReceiveQueue(runtime, capacity, (r) => consumed.push(r));
  return { runtime, queue, consumed };
}

const postSync = (syncId: string, count: number): SyncRequest => ({
  kind: 'post-sync',
  syncId,
  sessions: sessions(1, count),
});

describe('ReceiveQueue', () => {
  it('keeps no reference to a request once it is consumed, even while the queue sits idle', async () => {
    const runtime = new VirtualRuntime();
    const queue = new ReceiveQueue(runtime, 2, () => {});
    const watched = (() => {
      const sessionsOfRequest = sessions(1, 3);
      queue.push({ kind: 'post-sync', syncId: 'a', sessions: sessionsOfRequest });
      return new WeakRef(sessionsOfRequest);
    })();
    runtime.runRunnable();
    expect(queue.length()).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    (globalThis as { gc?: () => void }).gc?.();
    expect(watched.deref(), 'the consumed request is collected').toBeUndefined();
    expect(queue).toBeDefined();
  });

  it('consumes in push order, one request per task', () => {
    const { runtime, queue, consumed } = queueOnVirtualTime();
    queue.push(postSync('a', 1));
    queue.push(postSync('b', 1));
    expect(runtime.runnableCount()).toBe(1);
    runtime.runAt(0);
    expect(consumed.map((r) => (r.kind === 'post-sync' ? r.syncId : ''))).toEqual(['a']);
    expect(runtime.runnableCount()).toBe(1);
    runtime.runAt(0);
    expect(consumed).toHaveLength(2);
    expect(runtime.isIdle()).toBe(true);
  });

  it('loses nothing past capacity and says how many senders would block', () => {
    const { runtime, queue, consumed } = queueOnVirtualTime(2);
    for (let i = 0; i < 5; i++) queue.push(postSync(`s${i}`, 1));
    expect(queue.blockedSenders()).toBe(3);
    expect(queue.highWaterMark()).toBe(5);
    runtime.runRunnable();
    expect(consumed).toHaveLength(5);
    expect(queue.length()).toBe(0);
  });

  it('counts and drops the post-sync data of one sync only', () => {
    const { queue } = queueOnVirtualTime();
    queue.push(postSync('sync-1', 3));
    queue.push({ kind: 'fail', syncId: 'sync-1', reason: 'test' });
    queue.push(postSync('sync-2', 4));
    expect(queue.postSyncSessionsQueued()).toBe(7);
    queue.dropPostSyncOf('sync-1');
    expect(queue.postSyncSessionsQueued()).toBe(4);
    expect(queue.length()).toBe(2);
  });

  it('stop drops everything and consumes nothing until restarted', () => {
    const { runtime, queue, consumed } = queueOnVirtualTime();
    queue.push(postSync('a', 1));
    queue.stop();
    queue.push(postSync('b', 1));
    runtime.runRunnable();
    expect(consumed).toEqual([]);
    queue.restart();
    runtime.runRunnable();
    expect(consumed.map((r) => (r.kind === 'post-sync' ? r.syncId : ''))).toEqual(['b']);
  });
});
