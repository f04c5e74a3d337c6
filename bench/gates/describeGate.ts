import type { GateOutcome, SampleStatistics } from '../../src/reports/BenchReport.js';

const fixed = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));

/** tinybench's statistics of the per-round values, in a few words. */
export function describeStats(stats: SampleStatistics): string {
  return `mean ${fixed(stats.mean)}, p50 ${fixed(stats.p50)}, p99 ${fixed(stats.p99)}, ±${stats.rme.toFixed(1)}%`;
}

/**
 * One line a person can act on: the figure, its value, its samples and their statistics,
 * the baseline, the ratio, the threshold, the limit, and the re-measurement.
 */
export function describeGate(gate: GateOutcome): string {
  const stats = gate.stats ? `; ${describeStats(gate.stats)}` : '';
  const value = `${gate.name} = ${fixed(gate.value)} ${gate.unit} (${gate.samples} samples${stats})`;
  const limit =
    gate.limit !== undefined
      ? ` (at most ${gate.limit})`
      : gate.reportedLimit !== undefined
        ? ` (promised at most ${gate.reportedLimit}: ${gate.value > gate.reportedLimit ? 'OVER, reported' : 'within'})`
        : '';
  const first =
    gate.baseline === undefined || gate.ratio === undefined
      ? `${value}${limit}, no baseline`
      : `${value}${limit}, ${gate.ratio.toFixed(2)}x its baseline ${fixed(gate.baseline)} (threshold ${gate.threshold}x)`;
  if (gate.remeasured === undefined) return first;
  const again = gate.remeasured;
  const ratio = again.ratio === undefined ? '' : `, ${again.ratio.toFixed(2)}x`;
  return `${first}; re-measured ${fixed(again.value)} (${again.samples} samples)${ratio}`;
}

/** The word before a gate's line in a listing. */
export function gateMark(gate: GateOutcome): string {
  switch (gate.verdict) {
    case 'pass':
      return 'ok';
    case 'regressed':
      return 'REGRESSED';
    case 'not-confirmed':
      return 'unconfirmed';
    case 'no-baseline':
      return 'new';
  }
}
