import type { CaseJudge, DeferredHeapCheck, Invariant, Violation } from './Invariant.js';
import type { ModelScenario, ModelSystem, TraceState } from './ModelSystem.js';

/** Everything that decides one run of a system's model. */
export interface CaseSpec<Params, Step> {
  readonly target: string;
  readonly params: Params;
  readonly steps: readonly Step[];
}

export interface TraceEntry {
  readonly index: number;
  readonly phase: 'step' | 'drain';
  /** The generated step as it reads, or "drain". */
  readonly description: string;
  /** What actually happened: which task ran, what was sent, what was lost. */
  readonly outcome: string;
  readonly state: TraceState;
}

export interface CaseOutcome {
  readonly violation: Violation | undefined;
  /**
   * With `deferHeapCheck`: the heap-level verdict, to ask after a collection. It keeps the
   * scenario alive and undisposed until released, as a long-running system would be.
   */
  readonly heapCheck?: DeferredHeapCheck;
  /** Behaviours the case reached. */
  readonly coverage: ReadonlySet<string>;
  readonly entries: number;
}

export interface CaseHooks<Scenario> {
  readonly onEntry?: (entry: TraceEntry) => void;
  /** Gets the scenario as it is built: the soak keeps it alive to measure what it retains. */
  readonly onScenario?: (scenario: Scenario) => void;
  /** Keep the scenario undisposed (the soak measures what it holds). */
  readonly keepScenario?: boolean;
  /** Return the heap-level check instead of collecting garbage for this case alone. */
  readonly deferHeapCheck?: boolean;
}

/**
 * Runs the steps, then drains to quiescence (the system decides how: reconnect, run the
 * oldest work, jump the clock), checking `invariant` after every action and at the end.
 */
export async function runCase<Params, Step extends { readonly op: string }, Scenario extends ModelScenario>(
  system: ModelSystem<Params, Step, Scenario>,
  spec: CaseSpec<Params, Step>,
  invariant: Invariant<Scenario>,
  hooks: CaseHooks<Scenario> = {},
): Promise<CaseOutcome> {
  const deferHeapCheck = hooks.deferHeapCheck === true && invariant.checks.onHeap;
  const scenario = await system.create(spec.params, spec.target, {
    watchLifecycle: invariant.watchesLifecycle,
    deferHeapCheck,
  });
  hooks.onScenario?.(scenario);
  let heapCheck: DeferredHeapCheck | undefined;
  try {
    const judge = invariant.begin(scenario);
    const driven = await drive(system, spec, invariant.name, judge, scenario, hooks);
    const check = deferHeapCheck && driven.violation === undefined ? judge.heapCheck?.() : undefined;
    if (check !== undefined) {
      // Ended objects count as leaked only if the system still reaches them, so the system must still be there.
      heapCheck = {
        verdictAfterCollection: () => check.verdictAfterCollection(),
        release: async () => {
          await scenario.dispose();
        },
      };
    }
    return { ...driven, coverage: scenario.coverage(), ...(heapCheck ? { heapCheck } : {}) };
  } finally {
    if (!hooks.keepScenario && heapCheck === undefined) await scenario.dispose();
  }
}

async function drive<Params, Step extends { readonly op: string }, Scenario extends ModelScenario>(
  system: ModelSystem<Params, Step, Scenario>,
  spec: CaseSpec<Params, Step>,
  invariant: string,
  judge: CaseJudge,
  scenario: Scenario,
  hooks: CaseHooks<Scenario>,
): Promise<{ violation: Violation | undefined; entries: number }> {
  let index = 0;
  const check = (): Violation | undefined => {
    const message = judge.afterStep?.();
    return message === undefined ? undefined : { invariant, phase: 'step', atEntry: index, message };
  };
  for (const step of spec.steps) {
    scenario.beginEntry(index);
    const outcome = await system.steps.apply(step, scenario);
    if (hooks.onEntry) {
      const state = await scenario.state();
      hooks.onEntry({ index, phase: 'step', description: system.steps.describe(step), outcome, state });
    }
    const violation = check();
    if (violation) return { violation, entries: index + 1 };
    index++;
  }
  let reached = false;
  for (let actions = 0; !scenario.drainExhausted(actions); actions++) {
    scenario.beginEntry(index);
    const action = await scenario.drainStep();
    if (action === undefined) {
      reached = true;
      break;
    }
    if (hooks.onEntry) {
      hooks.onEntry({ index, phase: 'drain', description: 'drain', outcome: action, state: await scenario.state() });
    }
    const violation = check();
    if (violation) return { violation, entries: index + 1 };
    index++;
  }
  const message = await judge.atQuiescence?.(reached);
  const violation: Violation | undefined =
    message === undefined ? undefined : { invariant, phase: 'quiescence', atEntry: index, message };
  return { violation, entries: index };
}
