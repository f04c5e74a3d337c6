import { openStore, resolveStoreDefinition } from '../../stores/loadStore.js';
import type { StoreContext } from '../../stores/StoreDefinition.js';
import type { StoreInvariant, StoreInvariantName } from './invariants/index.js';
import { type ConcurrencyModel, StoreScenario } from './StoreScenario.js';
import { describeStoreStep, type StoreStep } from './StoreStep.js';
import { VirtualClock } from './VirtualClock.js';

/** Real time past which a case on a real-timer store may have let Redis expire a key by itself. */
const SLOW_CASE_MS = 500;

/** Everything that decides one run: which store and the steps. */
export interface StoreCaseSpec {
  /** A built-in store name or the path of a custom store module. */
  readonly store: string;
  readonly steps: readonly StoreStep[];
  /** How answers of concurrent ops are judged; `linearizable` unless said. */
  readonly concurrency?: ConcurrencyModel;
}

export interface StoreViolation {
  readonly invariant: StoreInvariantName;
  readonly phase: 'step' | 'quiescence';
  /** Index into the trace: the steps first, then the quiescence entry. */
  readonly atEntry: number;
  readonly message: string;
}

export interface StoreTraceEntry {
  readonly index: number;
  readonly phase: 'step' | 'quiescence';
  readonly description: string;
  readonly result: string;
  /** Sessions the model holds live after the entry. */
  readonly modelLive: number;
  /** Ids the store still holds by its probe; null when it has none. */
  readonly storeRetained: number | null;
  readonly virtualMs: number;
}

/**
 * Runs the steps on a fresh store under a fake clock, then moves the clock as far as
 * the invariant asks and checks it at quiescence. The clock is uninstalled and the store
 * closed however the case ends. `context` carries what is not part of the case (where
 * Redis listens), so a counterexample file stays free of machine details.
 */
export async function runStoreCase(
  spec: StoreCaseSpec,
  invariant: StoreInvariant,
  onEntry?: (entry: StoreTraceEntry) => void,
  context: StoreContext = {},
): Promise<StoreViolation | undefined> {
  const definition = await resolveStoreDefinition(spec.store, context);
  const startedMs = performance.now();
  // Redis keeps counting real time; a case slow enough to cross a whole second can see a
  // key expire early. Such a failure says so rather than pass for the store's fault.
  const noted = (violation: StoreViolation): StoreViolation => {
    const realMs = Math.round(performance.now() - startedMs);
    return definition.timers === 'real' && realMs >= SLOW_CASE_MS
      ? {
          ...violation,
          message: `${violation.message} (the case took ${realMs} ms of real time; real TTLs may have run out early)`,
        }
      : violation;
  };
  const clock = new VirtualClock(definition.timers);
  try {
    const store = await openStore(definition, context);
    try {
      const scenario = new StoreScenario(store, clock, spec.concurrency);
      const trace = async (index: number, phase: StoreTraceEntry['phase'], description: string, result: string) => {
        if (onEntry === undefined) return;
        onEntry({
          index,
          phase,
          description,
          result,
          modelLive: scenario.model.liveIds(scenario.now()).length,
          storeRetained: store.hasProbe ? (await store.retainedSessionIds()).length : null,
          virtualMs: scenario.now(),
        });
      };
      for (const [index, step] of spec.steps.entries()) {
        const outcome = await scenario.apply(step);
        await trace(index, 'step', describeStoreStep(step), outcome.result);
        const message = invariant.afterStep?.(scenario, outcome);
        if (message !== undefined) return noted({ invariant: invariant.name, phase: 'step', atEntry: index, message });
      }
      scenario.markStepsDone();
      const wait = invariant.quiescenceAdvanceMs?.(scenario) ?? 0;
      if (wait > 0 || store.timers === 'real') await scenario.advance(wait);
      const atEntry = spec.steps.length;
      await trace(
        atEntry,
        'quiescence',
        `advance ${wait / 1_000}s (quiescence)`,
        `clock at t=${scenario.now() / 1_000}s`,
      );
      const message = await invariant.atQuiescence?.(scenario);
      return message === undefined
        ? undefined
        : noted({ invariant: invariant.name, phase: 'quiescence', atEntry, message });
    } finally {
      await store.close();
    }
  } finally {
    clock.uninstall();
  }
}
