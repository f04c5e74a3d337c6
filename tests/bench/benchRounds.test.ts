import { describe, expect, it } from 'vitest';
import { benchRounds, WorkFailedError } from '../../bench/timing/benchRounds.js';
import { describeSamples, NoSamplesError } from '../../bench/timing/statistics.js';
import { InterruptedError } from '../../src/errors.js';

describe('measuring in rounds with tinybench', () => {
  it('runs every work once a round, always in the same order, prepared right before each run', async () => {
    const trace: string[] = [];
    const work = (name: string) => ({
      name,
      prepare: () => trace.push(`prepare ${name}`),
      run: () => void trace.push(`run ${name}`),
    });
    const samples = await benchRounds([work('a'), work('b')], { rounds: 3, warmupRounds: 1 });
    expect(Object.keys(samples)).toEqual(['a', 'b']);
    expect(samples.a).toHaveLength(3);
    expect(samples.b).toHaveLength(3);
    // tinybench's warm-up iteration of each work in the first round, then three timed rounds.
    expect(trace).toEqual(Array(4).fill(['prepare a', 'run a', 'prepare b', 'run b']).flat());
  });

  it("takes each sample from the clock it is given, around the work's run only", async () => {
    // A clock that moves 1 ms per reading, and 10 ms more while a work runs.
    let now = 0;
    const clock = () => ++now;
    const work = (name: string, cost: number) => ({
      name,
      prepare: () => {
        now += 1_000;
      },
      run: () => {
        now += cost;
      },
    });
    const samples = await benchRounds([work('cheap', 2), work('dear', 10)], { rounds: 3, warmupRounds: 0, clock });
    expect(samples).toEqual({ cheap: [3, 3, 3], dear: [11, 11, 11] });
  });

  it("gives a work that repeats its unit of work the time of one unit, another work's the time of its run", async () => {
    let now = 0;
    const clock = () => now;
    const run = () => {
      now += 20;
    };
    const repeated = { name: 'repeated', repeats: 4, run };
    const single = { name: 'single', run };
    const samples = await benchRounds([repeated, single], { rounds: 2, warmupRounds: 0, clock });
    expect(samples).toEqual({ repeated: [5, 5], single: [20, 20] });
  });

  it('reports a work that throws by its name, never as a sample', async () => {
    const broken = {
      name: 'broken',
      run: () => {
        throw new Error('out of sessions');
      },
    };
    await expect(benchRounds([broken], { rounds: 1, warmupRounds: 0 })).rejects.toThrow(/out of sessions/);
    expect(new WorkFailedError('broken', 'errored').message).toMatch(/broken/);
  });

  it('stops between rounds when aborted', async () => {
    const controller = new AbortController();
    let runs = 0;
    const work = { name: 'a', run: () => void (++runs === 2 && controller.abort()) };
    await expect(benchRounds([work], { rounds: 5, warmupRounds: 0, signal: controller.signal })).rejects.toThrow(
      InterruptedError,
    );
    expect(runs).toBe(2);
  });
});

describe("tinybench's statistics of values taken across rounds", () => {
  it('gives the samples, mean, median, 99th percentile and relative margin of error of exactly the values', () => {
    const stats = describeSamples('ratio', [1, 2, 3, 4, 100]);
    expect(stats.samples).toBe(5);
    expect(stats.mean).toBeCloseTo(22);
    expect(stats.p50).toBe(3);
    expect(stats.p99).toBeGreaterThan(90);
    expect(stats.rme).toBeGreaterThan(100);
    expect(describeSamples('flat', [2, 2, 2]).rme).toBe(0);
  });

  it('refuses to describe nothing', () => {
    expect(() => describeSamples('ratio', [])).toThrow(NoSamplesError);
  });
});
