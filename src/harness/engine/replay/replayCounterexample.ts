import type { Counterexample } from '../counterexample/CounterexampleFile.js';
import type { Violation } from '../Invariant.js';
import type { ModelScenario, ModelSystem } from '../ModelSystem.js';
import { runCase, type TraceEntry } from '../runCase.js';

export interface ReplayResult {
  readonly target: string;
  readonly trace: readonly TraceEntry[];
  readonly violation: Violation | undefined;
  /** Same invariant, same trace entry, same message as recorded. */
  readonly reproduced: boolean;
}

/** Reruns a counterexample exactly, against its own target or `target`, recording the state after every action. */
export async function replayCounterexample<
  Params,
  Step extends { readonly op: string },
  Scenario extends ModelScenario,
>(
  system: ModelSystem<Params, Step, Scenario>,
  counterexample: Counterexample<Params, Step>,
  target: string = counterexample.target,
): Promise<ReplayResult> {
  const trace: TraceEntry[] = [];
  const invariant = system.invariants[counterexample.property];
  if (invariant === undefined) throw new Error(`the ${system.name} has no property "${counterexample.property}"`);
  await system.prepareTarget?.(target);
  const { violation } = await runCase(
    system,
    { target, params: counterexample.params, steps: counterexample.steps },
    invariant,
    { onEntry: (entry) => trace.push(entry) },
  );
  const recorded = counterexample.failure;
  const reproduced =
    violation !== undefined &&
    violation.invariant === recorded.invariant &&
    violation.atEntry === recorded.atEntry &&
    violation.message === recorded.message;
  return { target, trace, violation, reproduced };
}
