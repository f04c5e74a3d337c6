import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const cost: Invariant<RouterScenario> = {
  name: 'cost',
  promise:
    'the router asks for no more resyncs than it had failures with a cause, and starts one tracker per sync the controller sent',
  afterStep(scenario) {
    const { monitor } = scenario;
    const twin = monitor.twins[0];
    if (twin !== undefined) return `sync ${twin} got a second tracker: a twin that can never complete`;
    const caused = monitor.failures.filter((failure) => failure.justified).length;
    if (monitor.resyncsRequested > caused) {
      return `${monitor.resyncsRequested} resync(s) requested but only ${caused} failure(s) had a cause`;
    }
    const started = scenario.system.router.stats().syncsStarted;
    const sent = scenario.system.controller.fullSyncsBegun();
    if (started > sent) return `${started} syncs started by the router, but the controller began only ${sent}`;
    return undefined;
  },
};
