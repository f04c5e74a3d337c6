import { describe, expect, test } from 'vitest';
import { checkProperty } from '../../../src/harness/engine/checkProperty.js';
import { writeCounterexample } from '../../../src/harness/engine/counterexample/CounterexampleFile.js';
import { replayCounterexample } from '../../../src/harness/engine/replay/replayCounterexample.js';
import { COVERAGE } from '../../../src/harness/router/coverage.js';
import { RouterScenario } from '../../../src/harness/router/RouterScenario.js';
import { routerSystem } from '../../../src/harness/router/RouterSystem.js';
import { ROUTER_STEPS } from '../../../src/harness/router/steps/index.js';
import { readCounterexampleFile } from '../../../src/harness/systems.js';
import { VirtualRuntime } from '../../../src/runtime/VirtualRuntime.js';
import { Controller, ControllerInputError, formatSyncId } from '../../../src/session/Controller.js';
import type { WireMessage } from '../../../src/session/messages.js';
import { chunk, routerFixture, sessions } from '../../support/routerFixture.js';
import { temporaryDir } from '../../support/tempDir.js';

const params = { chunkSize: 2, initialSessions: 3, tickIntervalMs: 1_000, deadlineMs: 20_000 };

describe('a controller that restarts', () => {
  test('keeps all but its newest lost sessions, sends no removal for them, and numbers syncs below the last ones', () => {
    const controller = new Controller({ runtime: new VirtualRuntime(), chunkSize: 2 });
    for (let i = 0; i < 4; i++) controller.createSession();
    const sent: WireMessage[] = [];
    controller.connected({ send: (message) => sent.push(message) });
    controller.startFullSync('by hand');
    controller.disconnected();
    const lost = controller.restart(2);
    expect(lost.map((s) => s.token)).toEqual(['token-3', 'token-4']);
    expect(controller.liveSessions().map((s) => s.token)).toEqual(['token-1', 'token-2']);
    expect(sent.filter((m) => m.contentType === 'ApiSessionRemoved')).toEqual([]);
    expect(controller.sessionsLostInRestarts()).toEqual(lost.map((session) => ({ session, life: 1 })));
    // Its database makes session ids, not its process: they keep growing.
    expect(controller.createSession().id > (lost[1]?.id ?? '')).toBe(true);
    const first = controller.startFullSync('after restart');
    controller.restart();
    const second = controller.startFullSync('after another');
    expect([first, second]).toEqual([formatSyncId(1, 1), formatSyncId(1, 2)]);
    expect(second < first && first < formatSyncId(1) && formatSyncId(1) < formatSyncId(2)).toBe(true);
    expect(controller.lifeOf(first)).toBe(1);
    expect(controller.lifeOf(formatSyncId(2))).toBe(0);
    // Bookkeeping of the harness spans lives: four syncs begun in all.
    expect(controller.fullSyncsBegun()).toBe(4);
    expect(controller.restarts()).toBe(2);
  });

  test('refuses to restart while a router is connected: a restart ends the connection', () => {
    const controller = new Controller({ runtime: new VirtualRuntime() });
    controller.connected({ send: () => undefined });
    expect(() => controller.restart()).toThrow(ControllerInputError);
    controller.disconnected();
    expect(() => controller.restart(-1)).toThrow(/whole number/);
  });
});

describe('what fixed does with a sync id that sorts below the one it holds', () => {
  test('on one connection it cannot tell a restarted controller from a late chunk, so it ignores the lower id', () => {
    const fixture = routerFixture();
    fixture.router.receive(chunk(5, 0, false, sessions(1, 2)));
    fixture.router.receive(chunk(1, 0, true, sessions(1, 1)));
    fixture.settle(5_000);
    expect(fixture.router.heldTracker()).toEqual({ syncId: formatSyncId(5), state: 'collecting' });
    expect(fixture.router.stats().staleChunksIgnored).toBe(1);
  });

  test('after a close it forgets what it knew of the old ids and takes the lower one', () => {
    const fixture = routerFixture();
    fixture.router.receive(chunk(5, 0, false, sessions(1, 2)));
    fixture.router.disconnected();
    fixture.router.connected({ send: (message) => fixture.sent.push(message) });
    fixture.router.receive(chunk(1, 0, true, sessions(1, 1)));
    fixture.settle();
    expect(fixture.router.stats()).toMatchObject({ syncsApplied: 1, staleChunksIgnored: 0 });
    expect(fixture.tokens()).toEqual(['token-1']);
  });
});

describe('the restart step', () => {
  test('closes, restarts and reconnects; the router then converges on what the database kept', () => {
    const scenario = new RouterScenario(params, 'fixed');
    expect(scenario.drain()).toBe(true);
    expect(ROUTER_STEPS.apply({ op: 'restart', lost: 1 }, scenario)).toBe(
      'closed, restarted as life 1 with 1 session(s) lost, reconnected',
    );
    expect(scenario.system.channel.isOpen()).toBe(true);
    expect(scenario.drain()).toBe(true);
    const tokens = scenario.system.router.state.allSessions().map((s) => s.token);
    expect(tokens.sort()).toEqual(['token-1', 'token-2']);
    // Every id of a later life sorts below every id of an earlier one.
    expect(scenario.coverage().has(COVERAGE.restartSortsBelow)).toBe(true);
  });

  test('names the coverage it reaches: a restart while a tracker collects, and a new sync sorting below', () => {
    const scenario = new RouterScenario(params, 'fixed');
    expect(scenario.drain()).toBe(true);
    ROUTER_STEPS.apply({ op: 'resync' }, scenario);
    while (scenario.system.router.heldTracker()?.state !== 'collecting' && scenario.drainStep() !== undefined) {}
    ROUTER_STEPS.apply({ op: 'restart', lost: 0 }, scenario);
    expect(scenario.drain()).toBe(true);
    expect([...scenario.coverage()]).toEqual(
      expect.arrayContaining([COVERAGE.restartCollecting, COVERAGE.restartSortsBelow]),
    );
  });

  test('its data is bounded on disk like every step', () => {
    expect(ROUTER_STEPS.schema.safeParse({ op: 'restart', lost: 2 }).success).toBe(true);
    for (const bad of [{ op: 'restart', lost: -1 }, { op: 'restart', lost: 101 }, { op: 'restart' }]) {
      expect(ROUTER_STEPS.schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  test('a counterexample with restarts is written, read back and replayed exactly', async () => {
    const result = await checkProperty(routerSystem, {
      property: 'forgotten',
      target: 'removal-bound-from-sync',
      numRuns: 1_000,
      seed: 20250114,
    });
    const counterexample = result.counterexample;
    if (counterexample === undefined) throw new Error('forgotten must break under removal-bound-from-sync');
    expect(counterexample.steps.some((step) => (step as { op: string }).op === 'restart')).toBe(true);
    const file = writeCounterexample(temporaryDir('restart-'), counterexample);
    const read = readCounterexampleFile(file);
    expect(read.counterexample.steps).toEqual(counterexample.steps);
    expect((await replayCounterexample(read.system, read.counterexample)).reproduced).toBe(true);
  });
});
