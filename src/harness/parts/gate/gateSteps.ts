import fc from 'fast-check';
import { z } from 'zod';
import type { SyncState } from '../../../session/messages.js';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import { shown } from '../differences.js';
import type { ExpectedVerdict } from './GateModel.js';
import type { GateScenario } from './GateScenario.js';

/** Sync ids as the parser lets them through: never empty; digits and uppercase sort before lowercase. */
export const syncIdArbitrary = fc.string({
  unit: fc.constantFrom('0', '7', 'A', 'R', 'S', 'T', 'Z', 'a', 's', 't', 'z', '-', '~'),
  minLength: 1,
  maxLength: 3,
});
export const syncIdField = z.string().min(1).max(40);

// Few ids per case, so a sequence keeps returning to the same syncs: duplicates, second
// lasts and chunks past the last need two chunks of one sync.
export const MAX_GATE_IDS = 4;
const idIndex = fc.nat(MAX_GATE_IDS - 1);
const idIndexField = z.number().int().min(0).max(1_000);

function sameVerdict(verdict: ExpectedVerdict & { readonly detail?: string }, expected: ExpectedVerdict): boolean {
  if (verdict.kind !== 'error' || expected.kind !== 'error') return verdict.kind === expected.kind;
  return verdict.code === expected.code && verdict.poisons === expected.poisons;
}

function withoutText(verdict: ExpectedVerdict): ExpectedVerdict {
  return verdict.kind === 'error' ? { kind: 'error', code: verdict.code, poisons: verdict.poisons } : verdict;
}

const admit = stepKind({
  op: 'admit',
  fields: { idIndex: idIndexField, sequence: z.number().int().min(0).max(1_000), isLast: z.boolean() },
  generate: fc.record({ idIndex, sequence: fc.nat(6), isLast: fc.boolean() }),
  weight: 8,
  describe: (step) => `admit chunk ${step.sequence}${step.isLast ? ' (last)' : ''} of id #${step.idIndex}`,
  apply: (step, scenario: GateScenario) => {
    const chunk: SyncState = { id: scenario.idAt(step.idIndex), sequence: step.sequence, isLast: step.isLast };
    const expected = scenario.model.admit(chunk);
    const verdict = scenario.gate.admit(chunk);
    if (!sameVerdict(verdict, expected)) {
      scenario.answerDiffers(
        `chunk ${shown(chunk)}: the gate says ${shown(withoutText(verdict))}, the model ${shown(expected)}`,
      );
    }
    if (verdict.kind === 'error' && !verdict.detail.includes(`sync ${chunk.id} `)) {
      scenario.answerDiffers(`the detail "${verdict.detail}" does not name sync ${chunk.id}`);
    }
    const name = verdict.kind === 'error' ? verdict.code : verdict.kind;
    scenario.reached.add(name);
    return `${chunk.id}: ${name}`;
  },
});

const close = stepKind({
  op: 'close',
  fields: { idIndex: idIndexField },
  generate: fc.record({ idIndex }),
  weight: 2,
  describe: (step) => `close id #${step.idIndex}`,
  apply: (step, scenario: GateScenario) => {
    const id = scenario.idAt(step.idIndex);
    scenario.gate.close(id);
    scenario.model.close(id);
    return `closed ${id}`;
  },
});

const reset = stepKind({
  op: 'reset',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'reset',
  apply: (_step, scenario: GateScenario) => {
    scenario.gate.reset();
    scenario.model.reset();
    return 'reset';
  },
});

/** Asks about any id, in the case's few or not: the router asks about whatever a message claims. */
const relationOf = stepKind({
  op: 'relationOf',
  fields: { id: syncIdField },
  generate: fc.record({ id: syncIdArbitrary }),
  weight: 1,
  describe: (step) => `relation of ${step.id}`,
  apply: (step, scenario: GateScenario) => {
    const relation = scenario.gate.relationOf(step.id);
    const expected = scenario.model.relationOf(step.id);
    if (relation !== expected)
      scenario.answerDiffers(`relation of ${step.id}: the gate says ${relation}, the model ${expected}`);
    return relation;
  },
});

const admitsFailureOf = stepKind({
  op: 'admitsFailureOf',
  fields: { id: syncIdField },
  generate: fc.record({ id: syncIdArbitrary }),
  weight: 1,
  describe: (step) => `admits a failure of ${step.id}?`,
  apply: (step, scenario: GateScenario) => {
    const admits = scenario.gate.admitsFailureOf(step.id);
    const expected = scenario.model.admitsFailureOf(step.id);
    if (admits !== expected) {
      scenario.answerDiffers(`admits a failure of ${step.id}: the gate says ${admits}, the model ${expected}`);
    }
    return String(admits);
  },
});

const GATE_STEP_KINDS = [admit, close, reset, relationOf, admitsFailureOf] as const;

export type GateStep = StepOf<(typeof GATE_STEP_KINDS)[number]>;

export const GATE_STEPS = new StepTable<GateStep, GateScenario>(GATE_STEP_KINDS);

/** Most steps a gate counterexample file may hold. */
export const MAX_GATE_STEPS = 500;

export const gateStepsArbitrary: fc.Arbitrary<GateStep[]> = fc.array(GATE_STEPS.arbitrary(), {
  maxLength: 40,
  size: 'max',
});
