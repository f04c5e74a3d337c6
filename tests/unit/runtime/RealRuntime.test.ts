import { describe, expect, it } from 'vitest';
import { RealRuntime } from '../../../src/runtime/RealRuntime.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RealRuntime', () => {
  it('runs a spawned task after the current job, never inside it', async () => {
    const runtime = new RealRuntime();
    const ran: string[] = [];
    runtime.spawn('task', () => ran.push('task'));
    ran.push('caller');
    expect(ran).toEqual(['caller']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['caller', 'task']);
  });

  it('never fires a timer early, and counts it pending until it fires', async () => {
    const runtime = new RealRuntime();
    const setAt = runtime.now();
    let firedAt: number | undefined;
    runtime.setTimer('t', 20, () => {
      firedAt = runtime.now();
    });
    expect(runtime.pendingTimers()).toBe(1);
    while (firedAt === undefined) await sleep(5);
    // Node may fire a timer up to 1 ms before the requested delay by the performance clock.
    expect(firedAt - setAt).toBeGreaterThanOrEqual(19);
    expect(runtime.pendingTimers()).toBe(0);
  });

  it('never fires a cancelled timer', async () => {
    const runtime = new RealRuntime();
    let fired = false;
    runtime
      .setTimer('t', 5, () => {
        fired = true;
      })
      .cancel();
    expect(runtime.pendingTimers()).toBe(0);
    await sleep(20);
    expect(fired).toBe(false);
  });
});
