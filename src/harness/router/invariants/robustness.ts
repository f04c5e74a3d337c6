import { defineInvariant } from '../../engine/Invariant.js';
import { MALFORMED_ON_THEIR_OWN } from '../adversarialMessage.js';
import type { RouterScenario } from '../RouterScenario.js';
import { channelImbalance } from './ledger.js';
import { watchLiveDeletions } from './observers/liveDeletions.js';
import { RejectionCheck } from './rejectionCheck.js';

interface RobustnessWatch {
  readonly rejections: RejectionCheck;
  readonly liveSessionsDeleted: readonly string[];
}

function watchRobustness(scenario: RouterScenario): RobustnessWatch {
  const rejections = new RejectionCheck(scenario.system.router, scenario.runtime);
  scenario.handleAdversarial(rejections);
  return { rejections, liveSessionsDeleted: watchLiveDeletions(scenario) };
}

export const robustness = defineInvariant<RouterScenario, RobustnessWatch>({
  name: 'robustness',
  promise:
    'malformed input gets a typed error and a counter, never a crash, never a change to the cache, and loses no session; the channel accounts for every message it took',
  watch: watchRobustness,
  afterStep(scenario, watch) {
    if (scenario.taskErrors.length > 0) return scenario.taskErrors.join('; ');
    const rejection = watch.rejections.violations[0];
    if (rejection !== undefined) return rejection;
    const crashes = scenario.system.router.counts().handlerCrashes;
    if (crashes > 0) return `${crashes} exception(s) escaped a handler`;
    if (watch.liveSessionsDeleted.length > 0) return `a live session was lost: ${watch.liveSessionsDeleted[0]}`;
    return channelImbalance(scenario);
  },
  atQuiescence(scenario, _reached, watch) {
    const unchecked = watch.rejections.uncheckedCount();
    if (unchecked > 0) return `${unchecked} hostile or damaged message(s) delivered but never handled`;
    // Replays and out-of-range chunks are only detectable relative to what else arrives,
    // so only input that is malformed on its own must always be counted.
    const delivered = MALFORMED_ON_THEIR_OWN.reduce((sum, kind) => sum + scenario.deliveries.delivered(kind), 0);
    const counted = scenario.system.router.stats().protocolErrors;
    if (counted < delivered) {
      return `${delivered} malformed message(s) delivered but only ${counted} counted as protocol errors`;
    }
    return undefined;
  },
});
