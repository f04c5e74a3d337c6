import { describe, expect, it } from 'vitest';
import { describeGate } from '../../bench/gates/describeGate.js';
import { evaluateGroup } from '../../bench/gates/evaluateGroup.js';
import { pairedRatio } from '../../bench/gates/figures.js';
import type { MeasurementGroup } from '../../bench/gates/Gate.js';
import { judgeGate, UnconfirmedGateError } from '../../bench/gates/judgeGate.js';
import { BASELINE_PROCESSES, baselineOf, benchVerdict } from '../../bench/runBenchmarks.js';
import type { Samples } from '../../bench/timing/TimedWork.js';

const gate = {
  name: 'sut/remove-missing/10k/over-reference',
  kind: 'vs-reference' as const,
  measures: 'removeMissingApiSessions over its reference',
  unit: 'x reference',
  threshold: 1.5,
};

describe('judging a gate', () => {
  it('passes within the threshold, and has no verdict but "no-baseline" without one', () => {
    expect(judgeGate(gate, { value: 1.4, samples: 21 }, 1)).toMatchObject({ verdict: 'pass', ratio: 1.4, baseline: 1 });
    expect(judgeGate(gate, { value: 1.5, samples: 21 }, 1).verdict).toBe('pass');
    const unjudged = judgeGate(gate, { value: 9, samples: 21 }, undefined);
    expect(unjudged.verdict).toBe('no-baseline');
    expect(unjudged.ratio).toBeUndefined();
  });

  it('fails a figure only when its re-measurement is past the threshold too', () => {
    expect(judgeGate(gate, { value: 2.4, samples: 21 }, 1, { value: 2.5, samples: 21 })).toMatchObject({
      verdict: 'regressed',
      ratio: 2.4,
      remeasured: { value: 2.5, samples: 21, ratio: 2.5 },
    });
    expect(judgeGate(gate, { value: 2.4, samples: 21 }, 1, { value: 1.1, samples: 21 }).verdict).toBe('not-confirmed');
    expect(() => judgeGate(gate, { value: 2.4, samples: 21 }, 1)).toThrow(UnconfirmedGateError);
  });

  it('prints the figure with its value, baseline, ratio, threshold, samples and re-measurement', () => {
    const line = describeGate(judgeGate(gate, { value: 2.4, samples: 21 }, 0.96, { value: 2.52, samples: 21 }));
    expect(line).toBe(
      'sut/remove-missing/10k/over-reference = 2.40 x reference (21 samples), 2.50x its baseline 0.960 (threshold 1.5x); re-measured 2.52 (21 samples), 2.63x',
    );
  });

  it("carries tinybench's statistics of the per-round values the figure is the median of", () => {
    const outcome = judgeGate(gate, { value: 1, samples: 5, values: [0.9, 1, 1, 1.1, 3] }, 1);
    expect(outcome.stats).toMatchObject({ samples: 5, p50: 1 });
    expect(outcome.stats?.mean).toBeCloseTo(1.4);
    expect(describeGate(outcome)).toMatch(/\(5 samples; mean 1\.40, p50 1\.00, p99 2\.92, ±\d+\.\d%\)/);
  });

  it('fails a figure past its own limit, with or without a baseline, once the re-measurement is past it too', () => {
    const limited = { ...gate, name: 'sut/heap-per-session/10k', limit: 300 };
    expect(judgeGate(limited, { value: 290, samples: 1 }, undefined).verdict).toBe('pass');
    // Within its threshold of the baseline, and still past the limit.
    expect(judgeGate(limited, { value: 320, samples: 1 }, 310, { value: 330, samples: 3 })).toMatchObject({
      verdict: 'regressed',
      limit: 300,
    });
    expect(judgeGate(limited, { value: 320, samples: 1 }, undefined, { value: 295, samples: 3 }).verdict).toBe(
      'not-confirmed',
    );
    expect(() => judgeGate(limited, { value: 320, samples: 1 }, undefined)).toThrow(UnconfirmedGateError);
    expect(describeGate(judgeGate(limited, { value: 290, samples: 1 }, undefined))).toBe(
      'sut/heap-per-session/10k = 290 x reference (1 samples) (at most 300), no baseline',
    );
  });

  it('calls a run failed on a confirmed regression only, inconclusive when nothing had a baseline', () => {
    const pass = judgeGate(gate, { value: 1, samples: 1 }, 1);
    const unconfirmed = judgeGate(gate, { value: 3, samples: 1 }, 1, { value: 1, samples: 1 });
    const regressed = judgeGate(gate, { value: 3, samples: 1 }, 1, { value: 3, samples: 1 });
    const unjudged = judgeGate(gate, { value: 3, samples: 1 }, undefined);
    expect(benchVerdict([pass, unconfirmed, unjudged])).toBe('pass');
    expect(benchVerdict([pass, regressed])).toBe('fail');
    expect(benchVerdict([unjudged])).toBe('inconclusive');
  });
});

/** A group whose measurements are the given samples, one per call, and which counts its calls. */
function fakeGroup(measurements: Samples[]): MeasurementGroup & { calls: number[] } {
  const calls: number[] = [];
  return {
    name: 'remove-missing',
    gates: [
      { ...gate, figure: (samples) => pairedRatio(samples, 'work', 'reference') },
      {
        name: 'sut/remove-missing/growth-10k-over-1k',
        kind: 'growth',
        measures: 'growth',
        unit: 'x',
        threshold: 1.5,
        figure: (samples) => pairedRatio(samples, 'work', 'small'),
      },
    ],
    rounds: 5,
    confirmRounds: 7,
    calls,
    measure: async (rounds) => {
      calls.push(rounds);
      const next = measurements.shift();
      if (next === undefined) throw new Error('measured more often than the test expects');
      return next;
    },
    absolute: () => [],
  };
}

/** Rounds of a work `ratio` times its reference, with the machine's speed changing round to round. */
function rounds(ratio: number, burstAt: readonly number[] = []): Samples {
  const reference = [2, 3, 2, 5, 2, 4, 2];
  return {
    reference,
    small: reference.map((ms) => (ms * ratio) / 10),
    work: reference.map((ms, i) => ms * ratio * (burstAt.includes(i) ? 4 : 1)),
  };
}

const baseline = { 'sut/remove-missing/10k/over-reference': 1, 'sut/remove-missing/growth-10k-over-1k': 10 };
const quiet = () => {};

describe('measuring a group against its baseline', () => {
  it('measures once when every gate is within its threshold', async () => {
    const group = fakeGroup([rounds(1.1, [1, 4])]);
    const outcome = await evaluateGroup(group, baseline, quiet);
    expect(group.calls).toEqual([5]);
    expect(outcome.gates.map((g) => g.verdict)).toEqual(['pass', 'pass']);
  });

  it('flags a path made three times slower, confirmed by every re-measurement with fresh rounds', async () => {
    const group = fakeGroup([rounds(3), rounds(2.9), rounds(3.1)]);
    const outcome = await evaluateGroup(group, baseline, quiet);
    expect(group.calls).toEqual([5, 7, 7]);
    // The best of the re-measurements is the one judged.
    expect(outcome.gates[0]).toMatchObject({ verdict: 'regressed', ratio: 3, remeasured: { ratio: 2.9 } });
    // Slower at every size: the growth stays within its threshold, judged on the first measurement alone.
    expect(outcome.gates[1]).toMatchObject({ verdict: 'pass' });
    expect(outcome.gates[1]?.remeasured).toBeUndefined();
    expect(benchVerdict(outcome.gates)).toBe('fail');
  });

  it('does not fail on a figure that a busy stretch pushed past the threshold once', async () => {
    // Bursts on the work in four rounds of seven: the first median is past the threshold.
    const group = fakeGroup([rounds(1, [0, 2, 4, 6]), rounds(1.05, [3])]);
    const outcome = await evaluateGroup(group, baseline, quiet);
    expect(outcome.gates[0]).toMatchObject({ verdict: 'not-confirmed', ratio: 4, remeasured: { ratio: 1.05 } });
    expect(benchVerdict(outcome.gates)).toBe('pass');
  });

  it('does not fail when the first re-measurement is unlucky too but the second is not', async () => {
    const group = fakeGroup([rounds(1.6), rounds(1.7), rounds(1.1)]);
    const outcome = await evaluateGroup(group, baseline, quiet);
    expect(group.calls).toEqual([5, 7, 7]);
    expect(outcome.gates[0]).toMatchObject({ verdict: 'not-confirmed', remeasured: { ratio: 1.1 } });
    expect(benchVerdict(outcome.gates)).toBe('pass');
  });

  it('judges and re-measures nothing without a baseline', async () => {
    const group = fakeGroup([rounds(3)]);
    const outcome = await evaluateGroup(group, undefined, quiet);
    expect(group.calls).toEqual([5]);
    expect(outcome.gates.every((g) => g.verdict === 'no-baseline')).toBe(true);
  });
});

describe('taking a baseline', () => {
  it("is each gate's median over its processes, so one outlier process cannot make it", async () => {
    // The first process is the outlier (3x); the two measured for the baseline are not.
    const group = fakeGroup([rounds(1.1), rounds(0.9)]);
    const first = await evaluateGroup(fakeGroup([rounds(3)]), undefined, quiet);
    const baseline = await baselineOf(group, first.gates, quiet);
    expect(group.calls).toEqual(Array(BASELINE_PROCESSES - 1).fill(5));
    expect(baseline.get('sut/remove-missing/10k/over-reference')).toBeCloseTo(1.1);
  });
});
