import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { CacheScenario } from './CacheScenario.js';
import { CACHE_STEPS, type CacheStep, cacheStepsArbitrary, MAX_CACHE_STEPS } from './cacheSteps.js';
import { CACHE_INVARIANTS } from './invariants.js';

// The router's cache and sync flag on their own, against a model. The router reaches
// them only with the controller's ids and always with an observer; here ids come from a
// wide alphabet, the flag and removals are driven in any order, and half the cases run
// with no observer at all, as a router built without one does.

/** The fault flags that touch the cache, drawn per case, and whether anyone observes it. */
export const cacheParamsSchema = z.strictObject({
  invertedSyncFlag: z.boolean(),
  removedSessionsKept: z.boolean(),
  removeMissingTripled: z.boolean(),
  observed: z.boolean(),
});

export type CacheParams = z.infer<typeof cacheParamsSchema>;

export const cacheSystem: ModelSystem<CacheParams, CacheStep, CacheScenario> = partSystem({
  name: 'cache',
  paramsSchema: cacheParamsSchema,
  paramsArbitrary: fc.record({
    invertedSyncFlag: fc.boolean(),
    removedSessionsKept: fc.boolean(),
    removeMissingTripled: fc.boolean(),
    observed: fc.boolean(),
  }),
  steps: CACHE_STEPS,
  stepsArbitrary: cacheStepsArbitrary,
  maxSteps: MAX_CACHE_STEPS,
  invariants: CACHE_INVARIANTS,
  traceColumns: [
    { key: 'sessions', label: 'cached', legend: 'the sessions the cache holds, token:id' },
    { key: 'sync', label: 'sync', legend: 'the sync the flag says is in progress ("" for none)' },
    { key: 'listeners', label: 'listeners', legend: 'removal listeners the cache holds' },
  ],
  describeParams: (p) => {
    const flags = (['invertedSyncFlag', 'removedSessionsKept', 'removeMissingTripled'] as const).filter((f) => p[f]);
    return `faults: ${flags.length === 0 ? 'none' : flags.join(', ')}; ${p.observed ? 'observed' : 'no observer'}`;
  },
  create: (params) => new CacheScenario(params),
});
