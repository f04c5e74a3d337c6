import fc from 'fast-check';
import { z } from 'zod';
import { looksLikeStorePath } from '../../stores/customStore.js';
import { openStore, resolveStoreDefinition } from '../../stores/loadStore.js';
import { BUILTIN_STORE_NAMES, isBuiltinStoreName } from '../../stores/registry.js';
import type { StoreContext } from '../../stores/StoreDefinition.js';
import type { ModelSystem } from '../engine/ModelSystem.js';
import { STORE_INVARIANTS } from './invariants/index.js';
import { StoreModelScenario } from './StoreModelScenario.js';
import { RACES, StoreScenario } from './StoreScenario.js';
import type { StoreStep } from './StoreStep.js';
import { serverContextFor } from './storeServers.js';
import { MAX_STORE_STEPS, STORE_STEPS, storeStepsArbitrary } from './storeSteps.js';
import { VirtualClock } from './VirtualClock.js';

/** What decides a store case besides its steps and the store. */
export const storeParamsSchema = z.strictObject({
  /**
   * `linearizable`: ops started together may take effect in any order that explains their
   * answers. `call-order`: only the order they were called in may.
   */
  concurrency: z.enum(['linearizable', 'call-order']),
  /** The period of a store's own expiry sweep: memorystore's checkPeriod, pg-simple's prune, knex's cleanup, the file store's reap. */
  checkPeriodMs: z.number().int().min(1).max(86_400_000),
});

export type StoreParams = z.infer<typeof storeParamsSchema>;

export const DEFAULT_STORE_PARAMS: StoreParams = { concurrency: 'linearizable', checkPeriodMs: 1_000 };

/** A custom store is named by the path of its module. */
function isStoreTarget(name: string): boolean {
  return isBuiltinStoreName(name) || looksLikeStorePath(name);
}

/**
 * express-session stores as a system under test: targets are store names (or a module
 * path), time is virtual, and a store that needs Redis gets one started on demand.
 */
export function createStoreSystem(
  params: StoreParams = DEFAULT_STORE_PARAMS,
  context: Omit<StoreContext, 'redisUrl' | 'postgres' | 'checkPeriodMs'> = {},
): ModelSystem<StoreParams, StoreStep, StoreModelScenario> {
  return {
    name: 'store',
    targetKind: 'store',
    targets: BUILTIN_STORE_NAMES,
    isTarget: isStoreTarget,
    async prepareTarget(target) {
      await resolveStoreDefinition(target, context);
    },
    paramsSchema: storeParamsSchema,
    paramsArbitrary: fc.constant(params),
    steps: STORE_STEPS,
    stepsArbitrary: () => storeStepsArbitrary,
    maxSteps: MAX_STORE_STEPS,
    invariants: STORE_INVARIANTS,
    traceColumns: [
      { key: 'time', label: 't', legend: 'virtual time' },
      { key: 'live', label: 'live', legend: 'sessions the model holds live' },
      {
        key: 'held',
        label: 'held',
        legend: "session ids the store still holds, by its own probe ('?' when it has none)",
      },
    ],
    // Per 1,000 cases, about half what 2,000 cases of express-memory reached: 27, 47 and 55.
    coverageTargets: { [RACES.twoNewSaves]: 12, [RACES.saveAndDestroy]: 20, [RACES.sweepAndTouch]: 25 },
    describeParams: (p) =>
      `concurrent ops judged ${p.concurrency}, a store's own expiry sweep every ${p.checkPeriodMs} ms`,
    async create(caseParams, target) {
      const definition = await resolveStoreDefinition(target, context);
      const storeContext: StoreContext = {
        ...context,
        checkPeriodMs: caseParams.checkPeriodMs,
        ...(await serverContextFor(definition)),
      };
      // The clock goes in before the store opens, so that the store's own timers are virtual too.
      const clock = new VirtualClock(definition.timers);
      try {
        const store = await openStore(definition, storeContext);
        return new StoreModelScenario(new StoreScenario(store, clock, caseParams.concurrency), store, clock);
      } catch (error) {
        clock.uninstall();
        throw error;
      }
    },
  };
}

export const storeSystem = createStoreSystem();
