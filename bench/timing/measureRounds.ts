import { throwIfStopped } from '../../src/errors.js';
import type { Samples, TimedWork } from './TimedWork.js';

const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;

/**
 * The process's CPU time (user and system), in ms. Wall time counts the stretches a busy
 * machine hands the core to someone else, and on 2 cores shared by 4 jobs that is most
 * of it; CPU time counts only what this process ran, to the microsecond on Linux.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
}

/** A stop signal ends the measurement between two rounds; no report is written. */
export const throwIfAborted = throwIfStopped;

export interface RoundOptions {
  readonly rounds: number;
  /**
   * Untimed rounds first, so that every timed run meets optimised code: on a busy machine
   * the compiler's thread gets little time, and the first rounds ran 2-10x slower.
   */
  readonly warmupRounds: number;
  readonly signal?: AbortSignal;
}

/**
 * Runs every work once per round, always in the same order (A B C, A B C …), and times
 * each in CPU time. What the machine does to one round (a neighbour's burst, a slower
 * clock, a colder cache) falls on all of its works alike, so a figure is a ratio of two
 * works' times within the same round. The order never changes because a work's cost
 * depends on what ran just before it (the garbage it left, the collector's phase): a
 * work always following the same neighbour is measured in the same conditions each round.
 */
export async function measureRounds(works: readonly TimedWork[], options: RoundOptions): Promise<Samples> {
  const samples = new Map<string, number[]>(works.map((work) => [work.name, []]));
  for (let round = 0; round < options.warmupRounds; round++) {
    for (const work of works) {
      work.prepare?.();
      const pending = work.run();
      if (pending) await pending;
    }
  }
  for (let round = 0; round < options.rounds; round++) {
    throwIfAborted(options.signal);
    for (const work of works) {
      work.prepare?.();
      // What prepare and the work before left in the young generation would otherwise be
      // collected, at a cost that depends on the neighbour, inside this run.
      gc?.({ type: 'minor' });
      const started = cpuMs();
      const pending = work.run();
      // Awaited only when the work is asynchronous: a sync run is timed without a microtask turn.
      if (pending) await pending;
      samples.get(work.name)?.push(cpuMs() - started);
    }
  }
  return Object.fromEntries(samples);
}
