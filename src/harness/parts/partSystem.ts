import type fc from 'fast-check';
import type { z } from 'zod';
import type { Invariant } from '../engine/Invariant.js';
import type { ModelSystem, TraceColumn } from '../engine/ModelSystem.js';
import type { StepTable } from '../engine/StepTable.js';
import type { PartScenario } from './PartScenario.js';

/** The one target of a part: its faults, if any, are drawn per case in its params. */
export const PART_TARGET = 'fixed';

/** What a part's system says of itself; the rest is the same for every part. */
export interface PartSystemSpec<Params, Step extends { readonly op: string }, Scenario extends PartScenario> {
  readonly name: string;
  readonly paramsSchema: z.ZodType<Params>;
  readonly paramsArbitrary: fc.Arbitrary<Params>;
  readonly steps: StepTable<Step, Scenario>;
  readonly stepsArbitrary: fc.Arbitrary<Step[]>;
  readonly maxSteps: number;
  readonly invariants: Readonly<Record<string, Invariant<Scenario>>>;
  readonly traceColumns: readonly TraceColumn[];
  readonly coverageTargets?: Readonly<Record<string, number>>;
  describeParams(params: Params): string;
  create(params: Params): Scenario;
}

/**
 * A router part (the gate, the cache, the queue, ...) as a system the engine drives: its
 * failures are counterexample files that `npm run replay` reruns like the router's.
 */
export function partSystem<Params, Step extends { readonly op: string }, Scenario extends PartScenario>(
  spec: PartSystemSpec<Params, Step, Scenario>,
): ModelSystem<Params, Step, Scenario> {
  return {
    name: spec.name,
    targetKind: 'fault profile',
    targets: [PART_TARGET],
    referenceTarget: PART_TARGET,
    paramsSchema: spec.paramsSchema,
    paramsArbitrary: spec.paramsArbitrary,
    steps: spec.steps,
    stepsArbitrary: () => spec.stepsArbitrary,
    maxSteps: spec.maxSteps,
    invariants: spec.invariants,
    traceColumns: spec.traceColumns,
    coverageTargets: spec.coverageTargets ?? {},
    describeParams: spec.describeParams,
    create: (params) => spec.create(params),
  };
}
