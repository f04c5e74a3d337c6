import { Bench } from 'tinybench';
import { throwIfStopped } from '../../src/errors.js';
import { cpuMs } from './cpuClock.js';
import type { Samples, TimedWork } from './TimedWork.js';

const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;

export interface RoundOptions {
  readonly rounds: number;
  /** tinybench's clock, ms; CPU time unless a test hands in its own. */
  readonly clock?: () => number;
  /**
   * tinybench's warm-up iterations per work, in the first round's Bench, so that every
   * timed run meets optimised code: on a busy machine the compiler's thread gets little
   * time, and the first runs were 2-10x slower.
   */
  readonly warmupRounds: number;
  readonly signal?: AbortSignal;
}

export class WorkFailedError extends Error {
  constructor(work: string, reason: string) {
    super(`benchmark work ${work} did not finish a timed run: ${reason}`);
    this.name = 'WorkFailedError';
  }
}

/** One round: a small tinybench Bench with one task per work, each run once on the CPU-time clock. */
function roundBench(works: readonly TimedWork[], warmupIterations: number, options: RoundOptions): Bench {
  const { signal } = options;
  const bench = new Bench({
    name: 'round',
    now: options.clock ?? cpuMs,
    // One timed iteration per work and round: the rounds, not the iterations, pair the works.
    iterations: 1,
    time: 0,
    warmup: warmupIterations > 0,
    warmupIterations,
    warmupTime: 0,
    retainSamples: true,
    throws: true,
    ...(signal ? { signal } : {}),
  });
  for (const work of works) {
    bench.add(work.name, work.run, {
      // Stated, never guessed: to guess, tinybench would call the work once, untimed and unprepared.
      async: work.async === true,
      beforeEach: () => {
        work.prepare?.();
        // What prepare and the work before left in the young generation would otherwise be
        // collected, at a cost that depends on the neighbour, inside this run.
        gc?.({ type: 'minor' });
      },
    });
  }
  return bench;
}

/**
 * Runs every work once per round, always in the same order (A B C, A B C …), timed by
 * tinybench in CPU time. What the machine does to one round (a neighbour's burst, a
 * slower clock, a colder cache) falls on all of its works alike, so a figure is a ratio of
 * two works' times within the same round. tinybench runs a Bench's tasks one after the
 * other, each for all its iterations, so the interleaving is one small Bench per round.
 * The order never changes because a work's cost depends on what ran just before it (the
 * garbage it left, the collector's phase).
 */
export async function benchRounds(works: readonly TimedWork[], options: RoundOptions): Promise<Samples> {
  const samples = new Map<string, number[]>(works.map((work) => [work.name, []]));
  const repeats = new Map<string, number>(works.map((work) => [work.name, work.repeats ?? 1]));
  for (let round = 0; round < options.rounds; round++) {
    throwIfStopped(options.signal);
    const bench = roundBench(works, round === 0 ? options.warmupRounds : 0, options);
    await bench.run();
    throwIfStopped(options.signal);
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') {
        throw new WorkFailedError(task.name, result.state === 'errored' ? result.error.message : result.state);
      }
      const per = repeats.get(task.name) ?? 1;
      samples.get(task.name)?.push(...(result.latency.samples ?? []).map((ms) => ms / per));
    }
  }
  return Object.fromEntries(samples);
}
