import type { BenchResult, GateOutcome } from '../../src/harness/reports/BenchReport.js';
import type { Baseline } from '../baseline.js';
import { median } from './figures.js';
import type { MeasurementGroup } from './Gate.js';
import { firstLook, judgeGate } from './judgeGate.js';

export interface GroupOutcome {
  readonly gates: GateOutcome[];
  readonly results: BenchResult[];
}

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
    ({ gate, first, baseline }) => firstLook(first, baseline, gate.threshold) === 'past-threshold',
  );
  if (suspects.length === 0) {
    return {
      gates: firsts.map(({ gate, first, baseline }) => judgeGate(gate, first, baseline)),
      results: group.absolute(samples),
    };
  }
  log(`${suspects.map((s) => s.gate.name).join(', ')} past the threshold: measuring ${group.name} again`);
  const again = await group.measure(group.confirmRounds, signal);
  const gates = firsts.map(({ gate, first, baseline }) => {
    const suspect = suspects.some((s) => s.gate === gate);
    return suspect ? judgeGate(gate, first, baseline, gate.figure(again)) : judgeGate(gate, first, baseline);
  });
  return { gates, results: group.absolute(samples) };
}
