import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { runCase } from '../../../../src/harness/engine/runCase.js';
import { PART_TARGET } from '../../../../src/harness/parts/partSystem.js';
import { SYSTEMS } from '../../../../src/harness/systems.js';

// Every part's failure is a counterexample file: what its generators make must survive
// JSON and its own schemas, and rerun to the same end, or `npm run replay` could not
// reread what a failing property wrote.

const PART_NAMES = [
  'gate',
  'cache',
  'queue',
  'loop',
  'timed-loop',
  'tracker',
  'channel',
  'controller',
  'events',
  'handling',
] as const;

describe.each(PART_NAMES)('the %s part', (name) => {
  const system = SYSTEMS[name];
  if (system === undefined) throw new Error(`no system "${name}" is registered`);

  test('is registered with its one target, and its model is its property', () => {
    expect(system.targets).toEqual([PART_TARGET]);
    expect(system.referenceTarget).toBe(PART_TARGET);
    expect(Object.keys(system.invariants)).toEqual(['model']);
  });

  test('its generated cases read back through its schemas as JSON and rerun alike', async () => {
    const cases = fc.sample(fc.tuple(system.paramsArbitrary, system.stepsArbitrary('model')), { numRuns: 40, seed: 7 });
    for (const [params, steps] of cases) {
      const json = JSON.parse(JSON.stringify({ params, steps })) as { params: unknown; steps: unknown };
      const readParams = system.paramsSchema.parse(json.params);
      const readSteps = z.array(system.steps.schema).parse(json.steps);
      expect(readSteps.length).toBeLessThanOrEqual(system.maxSteps);
      const invariant = system.invariants.model;
      if (invariant === undefined) throw new Error('no model invariant');
      const fresh = await runCase(system, { target: PART_TARGET, params, steps }, invariant);
      const reread = await runCase(system, { target: PART_TARGET, params: readParams, steps: readSteps }, invariant);
      expect(reread.violation).toEqual(fresh.violation);
      expect(reread.entries).toBe(fresh.entries);
    }
  });
});
