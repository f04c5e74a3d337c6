import { describe, expect, test } from 'vitest';
import { routerSystem } from '../../src/harness/index.js';
import { type CatchRow, catchDistribution, catchesPerTarget } from '../../src/jobs/catchDistribution.js';

function row(target: string, property: string, runsToCatch: (number | undefined)[]): CatchRow {
  return { target, property, runsToCatch, median: undefined, max: undefined, missed: 0 };
}

describe('runs to catch a fault, per profile', () => {
  test('a profile is caught on a seed as soon as any of its properties is, and missed only if all miss', () => {
    const [races] = catchesPerTarget([
      row('races', 'safety', [120, 480, undefined, 9]),
      row('races', 'convergence', [3, 8, undefined, 40]),
    ]);
    expect(races).toMatchObject({
      target: 'races',
      properties: ['safety', 'convergence'],
      runsToCatch: [3, 8, undefined, 9],
      median: 8,
      max: 9,
      missed: 1,
    });
  });

  test('measured, not assumed: a known fault is caught on every seed, and fixed code on none', async () => {
    const caught = await catchDistribution({
      system: routerSystem,
      catches: [
        ['no-release', 'freed'],
        ['fixed', 'freed'],
      ],
      seeds: [1, 2],
      maxRuns: 100,
    });
    expect(caught[0]?.missed).toBe(0);
    expect(caught[0]?.max).toBeLessThanOrEqual(100);
    expect(caught[1]).toMatchObject({ runsToCatch: [undefined, undefined], missed: 2, median: undefined });
  });
});
