import { describe, expect, it } from 'vitest';
import { measureRounds } from '../../bench/timing/measureRounds.js';
import { InterruptedError } from '../../src/errors.js';

describe('measuring in rounds', () => {
  it('runs every work once a round, always in the same order, prepared right before each run', async () => {
    const trace: string[] = [];
    const work = (name: string) => ({
      name,
      prepare: () => trace.push(`prepare ${name}`),
      run: () => void trace.push(`run ${name}`),
    });
    const samples = await measureRounds([work('a'), work('b')], { rounds: 3, warmupRounds: 1 });
    expect(Object.keys(samples)).toEqual(['a', 'b']);
    expect(samples.a).toHaveLength(3);
    expect(samples.b).toHaveLength(3);
    // One untimed round first, then three timed ones.
    expect(trace).toEqual(Array(4).fill(['prepare a', 'run a', 'prepare b', 'run b']).flat());
  });

  it('waits for asynchronous work before taking its time', async () => {
    let finished = 0;
    const slow = {
      name: 'slow',
      run: () => new Promise<void>((resolve) => setImmediate(() => resolve(void finished++))),
    };
    await measureRounds([slow], { rounds: 2, warmupRounds: 0 });
    expect(finished).toBe(2);
  });

  it('stops between rounds when aborted', async () => {
    const controller = new AbortController();
    let runs = 0;
    const work = { name: 'a', run: () => void (++runs === 2 && controller.abort()) };
    await expect(measureRounds([work], { rounds: 5, warmupRounds: 0, signal: controller.signal })).rejects.toThrow(
      InterruptedError,
    );
    expect(runs).toBe(2);
  });
});
