import { describe, expect, it } from 'vitest';
import { MissingSamplesError, median, medianFigure, pairedRatio } from '../../bench/gates/figures.js';

describe('figures from samples', () => {
  it('takes the median, which one gc pause does not move', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 400])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('divides round by round, so a machine slowing down for a while moves both sides and not the ratio', () => {
    // The machine is twice as slow in rounds 3 to 5; the work is 1.5x its reference throughout.
    const reference = [2, 2, 4, 4, 4, 2, 2];
    const work = reference.map((ms) => ms * 1.5);
    expect(pairedRatio({ work, reference }, 'work', 'reference')).toEqual({
      value: 1.5,
      samples: 7,
      values: Array(7).fill(1.5),
    });
  });

  it('ignores a burst that lands on one side of a few rounds', () => {
    const reference = [2, 2, 2, 2, 2, 2, 2];
    const work = [3, 30, 3, 3, 3, 3, 3];
    const burstOnReference = [2, 2, 2, 20, 2, 2, 2];
    expect(pairedRatio({ work, reference }, 'work', 'reference').value).toBe(1.5);
    expect(pairedRatio({ work, reference: burstOnReference }, 'work', 'reference').value).toBe(1.5);
  });

  it('takes counts as the median of their repetitions, and names a work that has no samples', () => {
    expect(medianFigure({ bytes: [540, 552, 551] }, 'bytes')).toEqual({
      value: 551,
      samples: 3,
      values: [540, 552, 551],
    });
    expect(() => pairedRatio({ work: [1] }, 'work', 'reference')).toThrow(MissingSamplesError);
    expect(() => medianFigure({ bytes: [] }, 'bytes')).toThrow(/no samples of "bytes"/);
  });
});
