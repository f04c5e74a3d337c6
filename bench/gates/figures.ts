import type { Samples } from '../timing/TimedWork.js';

/** A gating figure from one measurement: its value and how many samples it rests on. */
export interface Figure {
  readonly value: number;
  readonly samples: number;
  /** The per-round values the figure is the median of, for tinybench's statistics in the report. */
  readonly values?: readonly number[];
}

export class MissingSamplesError extends Error {
  constructor(work: string) {
    super(`no samples of "${work}": the figure names a work its group does not measure`);
    this.name = 'MissingSamplesError';
  }
}

/** The middle value: a gc pause or a neighbour's burst moves the mean of a few samples by multiples, not this. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function samplesOf(samples: Samples, work: string): readonly number[] {
  const values = samples[work];
  if (values === undefined || values.length === 0) throw new MissingSamplesError(work);
  return values;
}

/**
 * The median of `numerator / denominator` taken round by round. Both ran back to back in
 * each round, so a slow moment of the machine lands on both and cancels; a burst that
 * lands on one of them skews that round's ratio only, which the median ignores.
 */
export function pairedRatio(samples: Samples, numerator: string, denominator: string): Figure {
  const top = samplesOf(samples, numerator);
  const bottom = samplesOf(samples, denominator);
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(top.length, bottom.length); i++) {
    const below = bottom[i] ?? 0;
    if (below > 0) ratios.push((top[i] ?? 0) / below);
  }
  if (ratios.length === 0) throw new MissingSamplesError(`${numerator} / ${denominator}`);
  return { value: median(ratios), samples: ratios.length, values: ratios };
}

/** The median of one work's own samples: for counts, which the machine's load does not move. */
export function medianFigure(samples: Samples, work: string): Figure {
  const values = samplesOf(samples, work);
  return { value: median(values), samples: values.length, values };
}
