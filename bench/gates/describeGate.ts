import type { GateOutcome } from '../../src/reports/BenchReport.js';

const fixed = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));

/** One line a person can act on: the figure, its value, the baseline, the ratio, the limit, the samples. */
export function describeGate(gate: GateOutcome): string {
  const value = `${gate.name} = ${fixed(gate.value)} ${gate.unit} (${gate.samples} samples)`;
  if (gate.baseline === undefined || gate.ratio === undefined) return `${value}, no baseline`;
  const first = `${value}, ${gate.ratio.toFixed(2)}x its baseline ${fixed(gate.baseline)} (limit ${gate.threshold}x)`;
  if (gate.remeasured === undefined) return first;
  const again = gate.remeasured;
  return `${first}; re-measured ${fixed(again.value)} (${again.samples} samples), ${again.ratio.toFixed(2)}x`;
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
