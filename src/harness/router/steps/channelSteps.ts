import fc from 'fast-check';
import { stepKind } from '../../engine/StepTable.js';
import type { RouterScenario } from '../RouterScenario.js';

/** Close the control channel; in-flight messages are lost. */
export const closeStep = stepKind({
  op: 'close',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'close channel',
  apply(_step, scenario: RouterScenario) {
    if (!scenario.system.channel.isOpen()) return 'already closed';
    scenario.system.channel.close();
    scenario.deliveries.forgetChunks();
    return 'closed';
  },
});

/** Reconnect after a close; the controller starts a fresh full sync. */
export const reconnectStep = stepKind({
  op: 'reconnect',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'reconnect channel',
  apply(_step, scenario: RouterScenario) {
    if (scenario.system.channel.isOpen()) return 'already open';
    scenario.system.channel.connect();
    return 'reconnected';
  },
});
