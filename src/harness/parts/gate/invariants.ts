import { defineInvariant } from '../../engine/Invariant.js';
import type { GateScenario } from './GateScenario.js';

/**
 * Every verdict and answer of the gate is the model's; between steps, where every id of
 * the case stands, by both of the gate's questions (the handler asks before each chunk).
 */
export const gateModel = defineInvariant<GateScenario>({
  name: 'model',
  promise: 'every verdict and answer of the chunk gate is what the list of admitted chunks says',
  afterStep(scenario) {
    const answer = scenario.takeAnswerDifference();
    if (answer !== undefined) return answer;
    for (const id of scenario.ids) {
      const relation = scenario.gate.relationOf(id);
      const admitsFailure = scenario.gate.admitsFailureOf(id);
      const expectedRelation = scenario.model.relationOf(id);
      const expectedAdmits = scenario.model.admitsFailureOf(id);
      if (relation !== expectedRelation || admitsFailure !== expectedAdmits) {
        return (
          `${id} stands ${relation} (admits a failure: ${admitsFailure}); ` +
          `the model says ${expectedRelation} (admits a failure: ${expectedAdmits})`
        );
      }
    }
    return undefined;
  },
});

export const GATE_INVARIANTS = { model: gateModel } as const;
