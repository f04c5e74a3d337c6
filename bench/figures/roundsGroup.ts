import type { GateDefinition, MeasurementGroup } from '../gates/Gate.js';
import { benchRounds } from '../timing/benchRounds.js';
import type { TimedWork } from '../timing/TimedWork.js';
import type { GroupOptions } from './GroupOptions.js';

/** A group of works timed in interleaved rounds by tinybench after 10 warm-up iterations each: how the router's groups measure. */
export function roundsGroup(
  name: string,
  gates: readonly GateDefinition[],
  works: () => readonly TimedWork[],
  options: GroupOptions,
  absolute: MeasurementGroup['absolute'],
): MeasurementGroup {
  return {
    name,
    gates,
    rounds: options.rounds,
    confirmRounds: options.confirmRounds,
    measure: (rounds, signal) => benchRounds(works(), { rounds, warmupRounds: 10, signal }),
    absolute,
  };
}
