/**
 * One promise of a system, checked after every action where it must always hold and
 * at quiescence where it must hold eventually. A check returns what broke, in words,
 * or undefined.
 *
 * An invariant owns what it watches: `watch` starts its own observer on a new case (it
 * subscribes to the scenario's events and keeps its own state), and only the invariants a
 * run checks are watching, so a run of one pays nothing for another's bookkeeping.
 */
export interface InvariantSpec<Scenario, Watch> {
  readonly name: string;
  readonly promise: string;
  /** The scenario must record object lifetimes for this invariant (a WeakRef per ended object). */
  readonly watchesLifecycle?: boolean;
  /** Starts this invariant's observer on a case, before its first step. */
  watch?(scenario: Scenario): Watch;
  afterStep?(scenario: Scenario, watch: Watch): string | undefined;
  /** `reachedQuiescence` is false when draining hit its limits first. */
  atQuiescence?(
    scenario: Scenario,
    reachedQuiescence: boolean,
    watch: Watch,
  ): string | undefined | Promise<string | undefined>;
  /**
   * The heap-level part of the check at quiescence, taken out of the case so that one
   * collection can serve many cases. Called when the scenario was made with
   * `deferHeapCheck` (its `atQuiescence` then checks only the rest); the verdict is asked
   * after the engine has collected garbage, while the engine still holds the scenario: an
   * ended object the system reaches then is one it would keep for as long as it runs.
   */
  heapCheck?(scenario: Scenario, watch: Watch): HeapCheck | undefined;
}

/** An invariant judging one case: made by `Invariant.begin` before the case's first step. */
export interface CaseJudge {
  afterStep?(): string | undefined;
  atQuiescence?(reachedQuiescence: boolean): string | undefined | Promise<string | undefined>;
  heapCheck?(): HeapCheck | undefined;
}

/** An invariant as the engine runs it: what it promises, when it judges, and a judge per case. */
export interface Invariant<Scenario> {
  readonly name: string;
  readonly promise: string;
  readonly watchesLifecycle: boolean;
  /** When it judges: the docs list these, and the engine batches heap checks. */
  readonly checks: { readonly afterStep: boolean; readonly atQuiescence: boolean; readonly onHeap: boolean };
  begin(scenario: Scenario): CaseJudge;
}

/** Declares an invariant; its observer's type stays its own. */
export function defineInvariant<Scenario, Watch = undefined>(
  spec: InvariantSpec<Scenario, Watch>,
): Invariant<Scenario> {
  const { afterStep, atQuiescence, heapCheck } = spec;
  return {
    name: spec.name,
    promise: spec.promise,
    watchesLifecycle: spec.watchesLifecycle === true,
    checks: {
      afterStep: afterStep !== undefined,
      atQuiescence: atQuiescence !== undefined,
      onHeap: heapCheck !== undefined,
    },
    begin(scenario) {
      return new SpecJudge(spec, scenario, spec.watch?.(scenario) as Watch);
    },
  };
}

/**
 * A spec judging one case. Its checks are methods, made once, not closures made per case:
 * a run of every invariant begins a judge of each on every case. A check the spec lacks
 * finds nothing, as an absent one does.
 */
class SpecJudge<Scenario, Watch> implements CaseJudge {
  constructor(
    private readonly spec: InvariantSpec<Scenario, Watch>,
    private readonly scenario: Scenario,
    private readonly watch: Watch,
  ) {}

  afterStep(): string | undefined {
    return this.spec.afterStep?.(this.scenario, this.watch);
  }

  atQuiescence(reached: boolean): string | undefined | Promise<string | undefined> {
    return this.spec.atQuiescence?.(this.scenario, reached, this.watch);
  }

  heapCheck(): HeapCheck | undefined {
    return this.spec.heapCheck?.(this.scenario, this.watch);
  }
}

/** A heap-level verdict waiting for a collection: what survived, in words, or undefined. */
export interface HeapCheck {
  verdictAfterCollection(): string | undefined;
}

/** A heap check the engine holds with its scenario; `release` disposes of the scenario. */
export interface DeferredHeapCheck extends HeapCheck {
  release(): Promise<void>;
}

/** Where and how a case broke its invariant. */
export interface Violation {
  readonly invariant: string;
  readonly phase: 'step' | 'quiescence';
  /** Index into the trace: generated steps first, then the drain's actions. */
  readonly atEntry: number;
  readonly message: string;
}
