/**
 * One promise of a system, checked after every action where it must always hold and
 * at quiescence where it must hold eventually. A check returns what broke, in words,
 * or undefined.
 */
export interface Invariant<Scenario> {
  readonly name: string;
  readonly promise: string;
  /** The scenario must record object lifetimes for this invariant (a WeakRef per ended object). */
  readonly watchesLifecycle?: boolean;
  afterStep?(scenario: Scenario): string | undefined;
  /** `reachedQuiescence` is false when draining hit its limits first. */
  atQuiescence?(scenario: Scenario, reachedQuiescence: boolean): string | undefined | Promise<string | undefined>;
  /**
   * The heap-level part of the check at quiescence, taken out of the case so that one
   * collection can serve many cases. Called when the scenario was made with
   * `deferHeapCheck` (its `atQuiescence` then checks only the rest); the verdict is asked
   * after the engine has collected garbage, while the engine still holds the scenario: an
   * ended object the system reaches then is one it would keep for as long as it runs.
   */
  heapCheck?(scenario: Scenario): HeapCheck | undefined;
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
