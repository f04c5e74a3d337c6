import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { InterruptedError, interruptionOf } from '../../src/errors.js';
import { BudgetTooSmallError, NightBudget, STOP_GRACE_MS } from '../../src/nightly/NightBudget.js';

/** A task that works until its signal fires, then stops after `stopMs` (or never, if undefined). */
function taskStoppingAfter(stopMs: number | undefined) {
  return (signal: AbortSignal) =>
    new Promise<string>((_, reject) => {
      signal.addEventListener('abort', () => {
        if (stopMs !== undefined) setTimeout(() => reject(interruptionOf(signal)), stopMs);
      });
    });
}

describe("the night's budget", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('a task that ends inside the budget gives its value and costs no margin', async () => {
    const budget = new NightBudget(10_000);
    const run = budget.run('a check', undefined, () => new Promise((resolve) => setTimeout(() => resolve(7), 4_000)));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(await run).toEqual({ value: 7, cut: false });
    expect(budget.spentPastBudget()).toEqual([]);
  });

  test('a task still running at the end of the budget is stopped there, and the time past it is put down to it', async () => {
    const budget = new NightBudget(10_000);
    const run = budget.run('soak steady under fixed', undefined, taskStoppingAfter(1_200));
    await vi.advanceTimersByTimeAsync(11_200);
    expect(await run).toEqual({ cut: true });
    expect(budget.spentPastBudget()).toEqual(['1.2 s stopping soak steady under fixed']);
  });

  test('a task that does not stop is given up after the grace, so the night ends within its margin', async () => {
    const budget = new NightBudget(10_000);
    const run = budget.run('the benchmarks', undefined, taskStoppingAfter(undefined));
    await vi.advanceTimersByTimeAsync(10_000 + STOP_GRACE_MS);
    expect(await run).toEqual({ cut: true });
    expect(budget.spentPastBudget()).toEqual([
      `${(STOP_GRACE_MS / 1000).toFixed(1)} s not stopping the benchmarks within 0:03, then going on without it`,
    ]);
  });

  test('a stop signal is not a budget cut: it is thrown as it is', async () => {
    const budget = new NightBudget(10_000);
    const outer = new AbortController();
    const run = budget.run('a check', outer.signal, taskStoppingAfter(0));
    const settled = expect(run).rejects.toBeInstanceOf(InterruptedError);
    outer.abort(new InterruptedError('SIGINT'));
    await vi.advanceTimersByTimeAsync(1);
    await settled;
  });

  test('what was left out is named with why', () => {
    const budget = new NightBudget(1_000);
    budget.leaveOut('benchmarks', 'the quick set needs about 1:00');
    expect(budget.leftOut()).toEqual(['benchmarks: the quick set needs about 1:00']);
  });

  test('a budget below the least is refused with that least, what needs it, and the flag to give', () => {
    const error = new BudgetTooSmallError(20_000, 291_950, ['11 soaks of at least 180 cycles each']);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      '--budget 0:20 is less than this night needs to judge what it runs, about 4:52: 11 soaks of at least 180 ' +
        'cycles each. Give --budget 4m52s or more, or run fewer parts with --only',
    );
  });
});
