import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../../src/harness/index.js';
import { NothingRunnableError, TimeTravelError, VirtualRuntime } from '../../../src/runtime/VirtualRuntime.js';

describe('VirtualRuntime', () => {
  it('runs nothing until the caller picks, and runs what it picks', () => {
    const runtime = new VirtualRuntime();
    const ran: string[] = [];
    runtime.spawn('a', () => ran.push('a'));
    runtime.spawn('b', () => ran.push('b'));
    expect(ran).toEqual([]);
    expect(runtime.runnable().map((w) => w.label)).toEqual(['a', 'b']);
    expect(runtime.runAt(1).label).toBe('b');
    expect(ran).toEqual(['b']);
    expect(runtime.runAt(0).label).toBe('a');
    expect(ran).toEqual(['b', 'a']);
    expect(runtime.isIdle()).toBe(true);
    expect(runtime.executedCount()).toBe(2);
  });

  it('offers a timer only once it is due, and never moves the clock by itself', () => {
    const runtime = new VirtualRuntime();
    let fired = 0;
    runtime.setTimer('t', 100, () => fired++);
    expect(runtime.runnableCount()).toBe(0);
    expect(runtime.pending()).toEqual([{ id: 1, kind: 'timer', label: 't', dueAt: 100 }]);
    runtime.advanceTo(99);
    expect(runtime.runnableCount()).toBe(0);
    runtime.advanceBy(1);
    expect(runtime.runnable().map((w) => w.label)).toEqual(['t']);
    runtime.runAt(0);
    expect(fired).toBe(1);
    expect(runtime.now()).toBe(100);
  });

  it('lists tasks in spawn order, then due timers by due time', () => {
    const runtime = new VirtualRuntime();
    runtime.setTimer('late', 50, () => {});
    runtime.setTimer('early', 10, () => {});
    runtime.spawn('task', () => {});
    runtime.advanceTo(60);
    expect(runtime.runnable().map((w) => w.label)).toEqual(['task', 'early', 'late']);
  });

  it('drops a cancelled timer and what its callback captured', async () => {
    const runtime = new VirtualRuntime();
    let captured: object | undefined = { big: new Array(1000).fill(1) };
    const ref = new WeakRef(captured);
    const handle = (() => {
      const held = captured;
      return runtime.setTimer('t', 10, () => void held);
    })();
    captured = undefined;
    handle.cancel();
    runtime.advanceTo(20);
    expect(runtime.runnableCount()).toBe(0);
    expect(runtime.isIdle()).toBe(true);
    await collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });

  it('refuses to move the clock back or run what is not runnable, with errors that say what to do', () => {
    const runtime = new VirtualRuntime();
    runtime.advanceTo(10);
    expect(() => runtime.advanceTo(5)).toThrow(TimeTravelError);
    expect(() => runtime.runAt(0)).toThrow(NothingRunnableError);
    expect(() => runtime.runAt(0)).toThrow(/advance time or spawn work first/);
    runtime.spawn('a', () => {});
    expect(() => runtime.runAt(1)).toThrow(NothingRunnableError);
    expect(() => runtime.runAt(-1)).toThrow(NothingRunnableError);
    expect(() => runtime.runAt(0.5)).toThrow(NothingRunnableError);
  });

  it('runUntilIdle moves from timer to timer and stops at untilTime', () => {
    const runtime = new VirtualRuntime();
    const seen: number[] = [];
    const every = (ms: number) => {
      runtime.setTimer('tick', ms, () => {
        seen.push(runtime.now());
        every(ms);
      });
    };
    every(100);
    const steps = runtime.runUntilIdle({ untilTime: 350 });
    expect(seen).toEqual([100, 200, 300]);
    expect(steps).toBe(3);
    expect(runtime.now()).toBe(350);
    expect(runtime.nextTimerDue()).toBe(400);
  });

  it('runRunnable follows the pick function, so a test can choose any order', () => {
    const runtime = new VirtualRuntime();
    const ran: number[] = [];
    for (let i = 0; i < 4; i++) runtime.spawn(`t${i}`, () => ran.push(i));
    runtime.runRunnable({ pick: (count) => count - 1 });
    expect(ran).toEqual([3, 2, 1, 0]);
  });

  it('advanceToNextTimer jumps to the earliest due time and says false when none is pending', () => {
    const runtime = new VirtualRuntime();
    expect(runtime.advanceToNextTimer()).toBe(false);
    runtime.setTimer('a', 30, () => {});
    runtime.setTimer('b', 20, () => {});
    expect(runtime.advanceToNextTimer()).toBe(true);
    expect(runtime.now()).toBe(20);
  });
});
