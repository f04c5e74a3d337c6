import { FAULT_PROFILE_NAMES, isFaultProfileName, UnknownFaultProfileError } from '../../faults.js';
import type { ModelSystem } from '../engine/ModelSystem.js';
import { COVERAGE_TARGETS } from './coverage.js';
import { ROUTER_INVARIANTS } from './invariants/index.js';
import { describeRouterParams, type RouterParams, routerParamsArbitrary, routerParamsSchema } from './params.js';
import { RouterScenario } from './RouterScenario.js';
import { ROUTER_TRACE_COLUMNS } from './routerState.js';
import { MAX_ROUTER_STEPS, ROUTER_STEPS, type RouterStep, routerStepsArbitrary } from './steps/index.js';

/** The edge router and its controller as a system under test: targets are fault profiles. */
export const routerSystem: ModelSystem<RouterParams, RouterStep, RouterScenario> = {
  name: 'router',
  targetKind: 'fault profile',
  targets: FAULT_PROFILE_NAMES,
  referenceTarget: 'fixed',
  paramsSchema: routerParamsSchema,
  paramsArbitrary: routerParamsArbitrary,
  steps: ROUTER_STEPS,
  stepsArbitrary: routerStepsArbitrary,
  maxSteps: MAX_ROUTER_STEPS,
  invariants: ROUTER_INVARIANTS,
  traceColumns: ROUTER_TRACE_COLUMNS,
  coverageTargets: COVERAGE_TARGETS,
  describeParams: describeRouterParams,
  create(params, target, options) {
    if (!isFaultProfileName(target)) throw new UnknownFaultProfileError(target);
    return new RouterScenario(params, target, options);
  },
};
