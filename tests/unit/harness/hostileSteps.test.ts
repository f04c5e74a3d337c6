import { describe, expect, it } from 'vitest';
import {
  COUNTEREXAMPLE_FORMAT,
  COUNTEREXAMPLE_VERSION,
  type Counterexample,
  writeCounterexample,
} from '../../../src/harness/engine/counterexample/CounterexampleFile.js';
import type { Hostile } from '../../../src/harness/router/hostile/Hostile.js';
import { ROUTER_INVARIANTS } from '../../../src/harness/router/invariants/index.js';
import { RouterScenario } from '../../../src/harness/router/RouterScenario.js';
import { ROUTER_STEPS, type RouterStep as Step } from '../../../src/harness/router/steps/index.js';
import { readCounterexampleFile } from '../../../src/harness/systems.js';
import { ContentType } from '../../../src/session/messages.js';
import { temporaryDir } from '../../support/tempDir.js';

const params = { chunkSize: 2, initialSessions: 3, tickIntervalMs: 1_000, deadlineMs: 20_000 };

const apply = (scenario: RouterScenario, step: Step) => ROUTER_STEPS.apply(step, scenario);

const text = (value: string): Hostile => ({ kind: 'string', value });
/** `{contentType: "ApiSessionRemoved", headers: {}, body: {tokens: []}}`: a well-formed removal. */
const wellFormedRemoval: Hostile = {
  kind: 'object',
  nullPrototype: false,
  entries: [
    ['contentType', text(ContentType.ApiSessionRemoved)],
    ['headers', { kind: 'object', entries: [], nullPrototype: false }],
    ['body', { kind: 'object', entries: [['tokens', { kind: 'array', items: [] }]], nullPrototype: false }],
  ],
};

describe('the hostile and mutate steps', () => {
  it('sends a hostile value, but not one that is a well-formed message', () => {
    const scenario = new RouterScenario(params, 'fixed');
    expect(apply(scenario, { op: 'hostile', message: wellFormedRemoval })).toBe('well-formed: not sent');
    expect(scenario.system.channel.pending('toRouter')).toBe(0);
    expect(apply(scenario, { op: 'hostile', message: { kind: 'null' } })).toBe('sent');
    expect(scenario.system.channel.pending('toRouter')).toBe(1);
    apply(scenario, { op: 'close' });
    expect(apply(scenario, { op: 'hostile', message: { kind: 'null' } })).toBe('channel closed: nothing sent');
  });

  it('sends a damaged copy just ahead of the original, which still follows', async () => {
    const scenario = new RouterScenario(params, 'fixed');
    const robustness = ROUTER_INVARIANTS.robustness.begin(scenario);
    const { channel } = scenario.system;
    expect(apply(scenario, { op: 'mutate', pick: 0, mutation: { kind: 'drop', field: 'body', pick: 0 } })).toBe(
      'nothing in flight',
    );
    apply(scenario, { op: 'create', count: 2 });
    const original = channel.inFlightToRouter(1);
    const step: Step = {
      op: 'mutate',
      pick: 1,
      mutation: { kind: 'headers', value: { kind: 'boolean', value: false } },
    };
    expect(apply(scenario, step)).toBe('damaged copy of in-flight #1 sent');
    expect(channel.pending('toRouter')).toBe(3);
    expect(channel.inFlightToRouter(2)).toBe(original);
    expect(channel.inFlightToRouter(1)?.headers).toBe(false);
    expect(apply(scenario, { ...step, pick: 1 })).toBe('in-flight #1 is adversarial already');
    const emptyHeaders: Step = {
      op: 'mutate',
      pick: 0,
      mutation: { kind: 'headers', value: { kind: 'object', entries: [], nullPrototype: false } },
    };
    // A live add ignores its headers: an empty map leaves it well-formed, which is not damage.
    expect(apply(scenario, emptyHeaders)).toBe('still well-formed: not sent');
    expect(scenario.drain()).toBe(true);
    expect(robustness.afterStep?.()).toBeUndefined();
    expect(await robustness.atQuiescence?.(true)).toBeUndefined();
    expect(scenario.system.router.stats().protocolErrorsByCode['malformed-headers']).toBe(1);
  });
});

describe('a counterexample with hostile and mutate steps', () => {
  it('is written and read back unchanged', () => {
    const directory = temporaryDir('hostile-steps-');
    const steps: Step[] = [
      { op: 'hostile', message: { kind: 'throws', thrown: { kind: 'bigint', digits: '-7' } } },
      { op: 'mutate', pick: 3, mutation: { kind: 'body-field', pick: 1, value: { kind: 'negative-zero' } } },
      { op: 'mutate', pick: 0, mutation: { kind: 'drop', field: 'header', pick: 2 } },
    ];
    const counterexample: Counterexample = {
      format: COUNTEREXAMPLE_FORMAT,
      version: COUNTEREXAMPLE_VERSION,
      system: 'router',
      target: 'fixed',
      property: 'robustness',
      seed: 1,
      path: '0',
      numRuns: 1,
      fastCheckVersion: 'test',
      commit: 'test',
      createdAt: '2025-01-14T00:00:00.000Z',
      params,
      steps,
      readableSteps: [],
      failure: { invariant: 'robustness', phase: 'step', atEntry: 0, message: 'test' },
    };
    const file = writeCounterexample(directory, counterexample);
    expect(readCounterexampleFile(file).counterexample.steps).toEqual(steps);
  });
});
