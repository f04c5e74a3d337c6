import type { FaultProfileName } from '../../faults.js';
import type { Invariant, InvariantName } from '../invariants/Invariant.js';
import { describeStep, type ScenarioParams, type Step } from './Step.js';
import { type StateSnapshot, SyncScenario } from './SyncScenario.js';

/** Everything that decides one run of the model. */
export interface CaseSpec {
  readonly profile: FaultProfileName;
  readonly params: ScenarioParams;
  readonly steps: readonly Step[];
}

export interface Violation {
  readonly invariant: InvariantName;
  readonly phase: 'step' | 'quiescence';
  /** Index into the trace: generated steps first, then the drain's actions. */
  readonly atEntry: number;
  readonly message: string;
}

export interface TraceEntry {
  readonly index: number;
  readonly phase: 'step' | 'drain';
  readonly description: string;
  readonly outcome: string;
  readonly snapshot: StateSnapshot;
}

/**
 * Runs the steps, then drains to quiescence (reconnecting, running the oldest work
 * first, jumping the clock), checking `invariant` after every action and at the end.
 */
export async function runCase(
  spec: CaseSpec,
  invariant: Invariant,
  onEntry?: (entry: TraceEntry) => void,
  /** Gets the scenario as it is built: the soak keeps it alive to measure what it retains. */
  onScenario?: (scenario: SyncScenario) => void,
): Promise<Violation | undefined> {
  const scenario = new SyncScenario(spec.params, spec.profile);
  onScenario?.(scenario);
  let index = 0;
  const check = (): Violation | undefined => {
    const message = invariant.afterStep?.(scenario);
    return message === undefined ? undefined : { invariant: invariant.name, phase: 'step', atEntry: index, message };
  };
  for (const step of spec.steps) {
    const outcome = scenario.apply(step);
    onEntry?.({ index, phase: 'step', description: describeStep(step), outcome, snapshot: scenario.snapshot() });
    const violation = check();
    if (violation) return violation;
    index++;
  }
  let reached = false;
  for (let actions = 0; actions < 200_000; actions++) {
    const action = scenario.drainStep();
    if (action === undefined) {
      reached = true;
      break;
    }
    onEntry?.({ index, phase: 'drain', description: 'drain', outcome: action, snapshot: scenario.snapshot() });
    const violation = check();
    if (violation) return violation;
    index++;
    if (scenario.runtime.now() > 10 * 60_000 + spec.steps.length * 30_000) break;
  }
  const message = await invariant.atQuiescence?.(scenario, reached);
  return message === undefined
    ? undefined
    : { invariant: invariant.name, phase: 'quiescence', atEntry: index, message };
}
