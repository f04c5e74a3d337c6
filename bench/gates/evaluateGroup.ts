import type { BenchResult, GateOutcome } from '../../src/reports/BenchReport.js';
import type { Baseline } from '../baseline.js';
import { type Figure, median } from './figures.js';
import type { GateDefinition, MeasurementGroup } from './Gate.js';
import { firstLook, judgeGate } from './judgeGate.js';

export interface GroupOutcome {
  readonly gates: GateOutcome[];
  readonly results: BenchResult[];
}

/**
 * How many times a figure past its threshold is measured again, each in fresh rounds (in
 * the benchmarks, a fresh process): it fails only if every one is past too. On an idle
 * machine, about one process in six put a work 30-50% further from its reference than the
 * other five did (where the compiler and the collector happened to land), so two unlucky
 * processes in a row are not rare across a dozen gates; three are. A path that really got
 * slower is past in every process, so the extra measurement costs a regression nothing.
 */
export const CONFIRMATIONS = 2;

/**
 * Measures a group, and measures it again when one of its gates is past its threshold
 * against `baseline`; without a baseline nothing is judged and nothing re-measured.
 */
export async function evaluateGroup(
  group: MeasurementGroup,
  baseline: Baseline | undefined,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<GroupOutcome> {
  const samples = await group.measure(group.rounds, signal);
  log(
    `${group.name}: ${Object.entries(samples)
      .map(([work, values]) => `${work} ${median(values).toPrecision(3)}`)
      .join(', ')} (medians per run)`,
  );
  const firsts = group.gates.map((gate) => ({ gate, first: gate.figure(samples), baseline: baseline?.[gate.name] }));
  for (const { gate, first } of firsts) {
    log(`${gate.name}: ${first.value.toPrecision(4)} ${gate.unit} (${first.samples} samples)`);
  }
  const suspects = firsts.filter(
    ({ gate, first, baseline }) => firstLook(first, baseline, gate.threshold, gate.limit) === 'past-threshold',
  );
  if (suspects.length === 0) {
    return {
      gates: firsts.map(({ gate, first, baseline }) => judgeGate(gate, first, baseline)),
      results: group.absolute(samples),
    };
  }
  const best = new Map<GateDefinition, Figure>();
  for (let confirmation = 1; confirmation <= CONFIRMATIONS; confirmation++) {
    const pending = suspects.filter(({ gate, baseline }) => {
      const seen = best.get(gate);
      return seen === undefined || firstLook(seen, baseline, gate.threshold, gate.limit) === 'past-threshold';
    });
    if (pending.length === 0) break;
    log(
      `${pending.map((s) => s.gate.name).join(', ')} past the threshold: measuring ${group.name} again (${confirmation} of at most ${CONFIRMATIONS})`,
    );
    const again = await group.measure(group.confirmRounds, signal);
    for (const { gate } of pending) {
      const figure = gate.figure(again);
      const seen = best.get(gate);
      if (seen === undefined || figure.value < seen.value) best.set(gate, figure);
    }
  }
  const gates = firsts.map(({ gate, first, baseline }) => judgeGate(gate, first, baseline, best.get(gate)));
  return { gates, results: group.absolute(samples) };
}
