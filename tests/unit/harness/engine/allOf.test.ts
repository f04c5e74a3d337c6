import { describe, expect, test } from 'vitest';
import { allOf } from '../../../../src/harness/engine/allOf.js';
import { defineInvariant } from '../../../../src/harness/engine/Invariant.js';

interface Counter {
  value: number;
}

const atMost = (limit: number) =>
  defineInvariant<Counter, { checks: number }>({
    name: `at-most-${limit}`,
    promise: `the counter stays at or below ${limit}`,
    watch: () => ({ checks: 0 }),
    afterStep(counter, watch) {
      watch.checks++;
      return counter.value > limit ? `${counter.value} > ${limit} after ${watch.checks} check(s)` : undefined;
    },
  });

describe('allOf', () => {
  test('each invariant keeps its own watch, and the first to break is named', () => {
    const counter = { value: 0 };
    const judge = allOf('both', [atMost(5), atMost(2)]).begin(counter);
    expect(judge.afterStep?.()).toBeUndefined();
    counter.value = 3;
    expect(judge.afterStep?.()).toBe('at-most-2: 3 > 2 after 2 check(s)');
    counter.value = 6;
    expect(judge.afterStep?.()).toBe('at-most-5: 6 > 5 after 3 check(s)');
  });

  test('a check at quiescence of any of them is asked', async () => {
    const quiet = defineInvariant<Counter>({
      name: 'quiet',
      promise: 'the counter is zero at quiescence',
      atQuiescence: (counter) => (counter.value === 0 ? undefined : `counter at ${counter.value}`),
    });
    const invariant = allOf('both', [atMost(5), quiet]);
    expect(invariant.checks).toEqual({ afterStep: true, atQuiescence: true, onHeap: false });
    expect(await invariant.begin({ value: 1 }).atQuiescence?.(true)).toBe('quiet: counter at 1');
  });
});
