import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import type { VerdictName } from './GateModel.js';
import { GateScenario } from './GateScenario.js';
import {
  GATE_STEPS,
  type GateStep,
  gateStepsArbitrary,
  MAX_GATE_IDS,
  MAX_GATE_STEPS,
  syncIdArbitrary,
  syncIdField,
} from './gateSteps.js';
import { GATE_INVARIANTS } from './invariants.js';

// The router's chunk gate on its own. The whole-router properties reach it only through
// the handler, and the tracker behind it refuses most bad chunks again, so a gate that
// lets one through goes unseen there; their sync ids also all sort above any text a
// mutant puts in place of ''.

export const gateParamsSchema = z.strictObject({
  /** The case's sync ids, distinct; steps pick among them. */
  ids: z.array(syncIdField).min(1).max(MAX_GATE_IDS),
});

export type GateParams = z.infer<typeof gateParamsSchema>;

/** Every verdict the gate gives: a generator that stopped reaching one would let its mutants live. */
export const EVERY_GATE_VERDICT: readonly VerdictName[] = [
  'first-chunk',
  'next-chunk',
  'stale',
  'duplicate-chunk',
  'second-last-chunk',
  'chunk-after-last',
];

export const gateSystem: ModelSystem<GateParams, GateStep, GateScenario> = partSystem({
  name: 'gate',
  paramsSchema: gateParamsSchema,
  paramsArbitrary: fc.record({ ids: fc.uniqueArray(syncIdArbitrary, { minLength: 1, maxLength: MAX_GATE_IDS }) }),
  steps: GATE_STEPS,
  stepsArbitrary: gateStepsArbitrary,
  maxSteps: MAX_GATE_STEPS,
  invariants: GATE_INVARIANTS,
  traceColumns: Array.from({ length: MAX_GATE_IDS }, (_, index) => ({
    key: `id${index}`,
    label: `#${index}`,
    legend: `where the case's id #${index} stands for the gate: newer, current, closed or older`,
  })),
  // Each verdict in at least one case of a thousand.
  coverageTargets: Object.fromEntries(EVERY_GATE_VERDICT.map((name) => [name, 1])),
  describeParams: (params) => `sync ids ${params.ids.map((id, i) => `#${i} ${JSON.stringify(id)}`).join(', ')}`,
  create: (params) => new GateScenario(params.ids),
});
