import { describe, expect, test } from 'vitest';
import { RouterScenario } from '../../../src/harness/router/RouterScenario.js';
import { ROUTER_STEPS } from '../../../src/harness/router/steps/index.js';
import type { ControlChannel } from '../../../src/session/ControlChannel.js';
import type { Controller } from '../../../src/session/Controller.js';

const params = { chunkSize: 1, initialSessions: 5, tickIntervalMs: 1_000, deadlineMs: 20_000 };

/** A scenario mid-sync: the controller has sent three of five chunks, none of which the router has had yet. */
function midSync(): RouterScenario {
  const scenario = new RouterScenario(params, 'fixed');
  // Only the controller's sends run, so every chunk stays in flight.
  for (let sends = 0; sends < 3; sends++) {
    const pick = scenario.runtime.runnable().findIndex((work) => work.label.startsWith('send'));
    expect(pick).toBeGreaterThanOrEqual(0);
    ROUTER_STEPS.apply({ op: 'run', pick }, scenario);
  }
  expect(scenario.system.channel.pending('toRouter')).toBe(3);
  return scenario;
}

describe("the harness checks that the router's peers did what it asked", () => {
  test('a sound channel and controller do', () => {
    const scenario = midSync();
    for (const step of [
      { op: 'lose', pick: 0 },
      { op: 'corrupt', pick: 0 },
      { op: 'create', count: 2 },
      { op: 'update', pick: 1 },
      { op: 'end', pick: 0 },
      { op: 'close' },
      { op: 'reconnect' },
    ] as const) {
      expect(() => ROUTER_STEPS.apply(step, scenario)).not.toThrow();
    }
  });

  test.each([
    ['a chunk it would not lose', 'lose', (c: ControlChannel) => (c.dropInFlightToRouter = () => undefined)],
    ['a chunk it would not replace', 'corrupt', (c: ControlChannel) => (c.replaceInFlightToRouter = () => false)],
    ['a close that leaves it open', 'close', (c: ControlChannel) => (c.close = () => undefined)],
  ] as const)('a channel with %s is named', (_what, op, breakChannel) => {
    const scenario = midSync();
    breakChannel(scenario.system.channel);
    expect(() => ROUTER_STEPS.apply({ op, pick: 0 } as never, scenario)).toThrow(
      /^the control channel did not (lose|replace|close): .*src\/session\/ControlChannel\.ts/,
    );
  });

  test.each([
    ['an update it refuses', 'update', (c: Controller) => (c.updateSession = () => false)],
    ['an end that leaves the session live', 'end', (c: Controller) => (c.endSession = () => true)],
    ['a close it is not told of', 'close', (c: Controller) => (c.disconnected = () => undefined)],
    [
      'a create that makes nothing',
      'create',
      (c: Controller) => (c.createSession = () => ({ id: '', token: '', identityId: '', certFingerprints: [] })),
    ],
  ] as const)('a controller with %s is named', (_what, op, breakController) => {
    const scenario = midSync();
    breakController(scenario.system.controller);
    expect(() => ROUTER_STEPS.apply({ op, pick: 0, count: 1 } as never, scenario)).toThrow(
      /^the controller did not (update|end|create|stop streaming).*src\/session\/Controller\.ts/,
    );
  });
});
