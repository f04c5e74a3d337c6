import type fc from 'fast-check';
import type { z } from 'zod';
import type { Invariant } from './Invariant.js';
import type { StepTable } from './StepTable.js';

/** A column of the state a scenario shows after every action: replays print it, the page tabulates it. */
export interface TraceColumn {
  readonly key: string;
  /** Short header. */
  readonly label: string;
  /** What the column means, for the legend. */
  readonly legend: string;
}

export type TraceState = Readonly<Record<string, string | number | boolean>>;

/** What a running case offers the engine, whatever the system. */
export interface ModelScenario {
  /** The engine says which trace entry comes next, so a scenario can stamp what it records. */
  beginEntry(index: number): void;
  /** One action toward quiescence; undefined once idle. */
  drainStep(): string | undefined | Promise<string | undefined>;
  /** True once draining has taken longer (in steps or virtual time) than quiescence may take. */
  drainExhausted(drainActions: number): boolean;
  state(): TraceState | Promise<TraceState>;
  /** The behaviours this case reached, by name, for the coverage table. */
  coverage(): ReadonlySet<string>;
  /** Releases what the case holds outside the heap (fake clocks, connections). */
  dispose(): void | Promise<void>;
}

export interface ScenarioOptions {
  /** Record a WeakRef for every object whose life ends (the `freed` invariants need it; it costs a little). */
  readonly watchLifecycle: boolean;
  /** Leave the heap-level check to the engine (`Invariant.heapCheck`): it collects once for many cases. */
  readonly deferHeapCheck?: boolean;
}

/**
 * What the engine needs from a system under test: its parameters, its steps, how to
 * build a scenario for one target (a fault profile, a store), and its invariants.
 */
export interface ModelSystem<Params, Step extends { readonly op: string }, Scenario extends ModelScenario> {
  readonly name: string;
  /** What a target is, in words: "fault profile", "store". */
  readonly targetKind: string;
  /** The targets a person may name; `isTarget` may accept more (a store module's path). */
  readonly targets: readonly string[];
  isTarget?(name: string): boolean;
  /**
   * Checks a target can be used before any case runs (a store module loads), so that a
   * bad one fails the command at once with its own error, never as a broken property.
   */
  prepareTarget?(target: string): Promise<void>;
  /** The target every invariant must hold against (the router's `fixed`), when the system has one. */
  readonly referenceTarget?: string;
  readonly paramsSchema: z.ZodType<Params>;
  readonly paramsArbitrary: fc.Arbitrary<Params>;
  readonly steps: StepTable<Step, Scenario>;
  /** The schedules a property is checked on; a property may get kinds of steps the others do not. */
  stepsArbitrary(property: string): fc.Arbitrary<Step[]>;
  /** Most steps a counterexample file may hold: generation stays far below it. */
  readonly maxSteps: number;
  readonly invariants: Readonly<Record<string, Invariant<Scenario>>>;
  readonly traceColumns: readonly TraceColumn[];
  /** Named behaviours and how many of every 1,000 generated cases must reach each. */
  readonly coverageTargets: Readonly<Record<string, number>>;
  describeParams(params: Params): string;
  create(params: Params, target: string, options: ScenarioOptions): Scenario | Promise<Scenario>;
}

// Systems of different types in one registry; each is used through its own type parameters.
// biome-ignore lint/suspicious/noExplicitAny: the registry forgets each system's parameter types
export type AnyModelSystem = ModelSystem<any, any, any>;
