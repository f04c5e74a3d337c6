import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHostile, describeHostile, type Hostile } from '../../../src/harness/router/hostile/Hostile.js';
import { hostileArbitrary, hostileMessageArbitrary } from '../../../src/harness/router/hostile/hostileArbitrary.js';
import { hostileSchema } from '../../../src/harness/router/hostile/hostileSchema.js';
import {
  applyMutation,
  mutationArbitrary,
  mutationSchema,
} from '../../../src/harness/router/hostile/MessageMutation.js';
import { isWellFormedMessage } from '../../../src/harness/router/hostile/wellFormedMessage.js';
import {
  fullSyncChunk,
  liveAdd,
  sessionsRemoved,
  sessionsUpdated,
  type WireMessage,
} from '../../../src/session/messages.js';
import { session, sessions } from '../../support/routerFixture.js';

const SEED = 20250114;

describe('hostile values as data', () => {
  it.each<[string, Hostile, (value: unknown) => boolean]>([
    ['undefined', { kind: 'undefined' }, (v) => v === undefined],
    ['-0', { kind: 'negative-zero' }, (v) => Object.is(v, -0)],
    ['NaN', { kind: 'nan' }, (v) => Number.isNaN(v)],
    ['-Infinity', { kind: 'infinity', negative: true }, (v) => v === Number.NEGATIVE_INFINITY],
    ['a bigint', { kind: 'bigint', digits: '-12345678901234567890' }, (v) => v === -12345678901234567890n],
    ['a symbol', { kind: 'symbol', description: 's' }, (v) => typeof v === 'symbol' && v.description === 's'],
    ['a function', { kind: 'function' }, (v) => typeof v === 'function'],
    ['a Map', { kind: 'map', entries: [['a', { kind: 'null' }]] }, (v) => v instanceof Map && v.get('a') === null],
    ['a boxed string', { kind: 'boxed-string', value: 'x' }, (v) => v instanceof String && `${v}` === 'x'],
    [
      'an object without a prototype',
      { kind: 'object', entries: [], nullPrototype: true },
      (v) => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === null,
    ],
  ])('decodes %s', (_name, encoded, check) => {
    expect(check(decodeHostile(encoded))).toBe(true);
  });

  it('makes "__proto__" an own key, not a prototype', () => {
    const value = decodeHostile({
      kind: 'object',
      entries: [['__proto__', { kind: 'string', value: 'x' }]],
      nullPrototype: false,
    });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('x');
  });

  it('makes throwing getters, one-time getters, revoked and throwing proxies', () => {
    const thrown: Hostile = { kind: 'string', value: 'boom' };
    const object = decodeHostile({
      kind: 'object',
      entries: [
        ['bad', { kind: 'throws', thrown }],
        ['shifty', { kind: 'flaky', first: { kind: 'boolean', value: true }, after: { kind: 'null' } }],
      ],
      nullPrototype: false,
    }) as Record<string, unknown>;
    expect(() => object.bad).toThrow('boom');
    expect([object.shifty, object.shifty]).toEqual([true, null]);
    expect(() => Array.isArray(decodeHostile({ kind: 'revoked-proxy' }))).toThrow(TypeError);
    const proxy = decodeHostile({ kind: 'throws', thrown }) as Record<string, unknown>;
    expect(() => proxy.contentType).toThrow('boom');
    expect(() => Object.keys(proxy)).toThrow('boom');
    expect(() => String(decodeHostile({ kind: 'uncoercible' }))).toThrow(TypeError);
    const items = decodeHostile({ kind: 'array', items: [{ kind: 'null' }, { kind: 'throws', thrown }] }) as unknown[];
    expect(items).toHaveLength(2);
    expect(() => items[1]).toThrow('boom');
  });

  it('survives a trip through JSON and the counterexample schema, and decodes afresh each time', () => {
    fc.assert(
      fc.property(hostileMessageArbitrary, (encoded) => {
        const read = hostileSchema.parse(JSON.parse(JSON.stringify(encoded)));
        expect(read).toEqual(encoded);
        decodeHostile(read);
        expect(describeHostile(read).length).toBeLessThanOrEqual(100);
      }),
      { seed: SEED, numRuns: 300 },
    );
    fc.assert(
      fc.property(mutationArbitrary, (mutation) => {
        expect(mutationSchema.parse(JSON.parse(JSON.stringify(mutation)))).toEqual(mutation);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('the schema refuses what decodeHostile could not build', () => {
    expect(hostileSchema.safeParse({ kind: 'bigint', digits: '1.5' }).success).toBe(false);
    expect(hostileSchema.safeParse({ kind: 'number', value: '1' }).success).toBe(false);
    expect(hostileSchema.safeParse({ kind: 'array', items: [{ kind: 'weird' }] }).success).toBe(false);
  });

  it('shrinks nested values down to the simplest that still fail', () => {
    // Fails on any list with an item that is an object: expect one item, an object with nothing inside.
    const details = fc.check(
      fc.property(hostileArbitrary, (h) => {
        const value = decodeHostile(h);
        return !(Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null));
      }),
      { seed: SEED, numRuns: 1_000 },
    );
    expect(details.failed).toBe(true);
    const shrunk = details.counterexample?.[0];
    expect(shrunk?.kind === 'array' && shrunk.items).toHaveLength(1);
    const item = shrunk?.kind === 'array' ? shrunk.items[0] : undefined;
    expect(['revoked-proxy', 'uncoercible', 'boxed-string']).toContain(item?.kind);
    expect(item?.kind !== 'boxed-string' || item.value === '').toBe(true);
  });
});

const realMessages: [string, WireMessage][] = [
  ['a full-state chunk', fullSyncChunk({ id: 'sync-1', isLast: true, sequence: 0 }, sessions(1, 2))],
  ['a live add', liveAdd({ id: 'live-1', isLast: true, sequence: 0 }, [session(3)])],
  ['an update', sessionsUpdated([session(1)])],
  ['a removal', sessionsRemoved([session(2)])],
  ['a legacy full sync', { ...fullSyncChunk({ id: 'x', isLast: true, sequence: 0 }, [session(1)]), headers: {} }],
];

describe('the wire-format oracle and message damage', () => {
  it.each(realMessages)('takes %s as well-formed', (_name, message) => {
    expect(isWellFormedMessage(message)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['headers false on a chunk', { ...realMessages[0]?.[1], headers: false }],
    ['headers a list on a removal', { ...realMessages[3]?.[1], headers: [] }],
    ['a header that is not a string', { ...realMessages[2]?.[1], headers: { a: 1 } }],
    ['a symbol content type', { ...realMessages[2]?.[1], contentType: Symbol('x') }],
    ['a resync request, which the router does not take', { contentType: 'RequestClientReSync', headers: {}, body: {} }],
    ['a bad sequence', fullSyncChunk({ id: 'sync-1', isLast: true, sequence: -1 }, [])],
    ['a session without a token', sessionsUpdated([{ ...session(1), token: '' }])],
    ['a revoked proxy', decodeHostile({ kind: 'revoked-proxy' })],
  ])('refuses %s', (_name, message) => {
    expect(isWellFormedMessage(message)).toBe(false);
  });

  it('damages a copy and leaves the original, its headers and body as they were', () => {
    const original = fullSyncChunk({ id: 'sync-1', isLast: true, sequence: 0 }, sessions(1, 2));
    const snapshot = JSON.stringify(original);
    fc.assert(
      fc.property(mutationArbitrary, (mutation) => {
        applyMutation(original, mutation);
        expect(JSON.stringify(original)).toBe(snapshot);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('headers {} on a full-state chunk is a legacy sync, not damage; headers false is damage', () => {
    const chunk = realMessages[0]?.[1] as WireMessage;
    const empty = applyMutation(chunk, {
      kind: 'headers',
      value: { kind: 'object', entries: [], nullPrototype: false },
    });
    expect(isWellFormedMessage(empty)).toBe(true);
    const falsy = applyMutation(chunk, { kind: 'headers', value: { kind: 'boolean', value: false } });
    expect(isWellFormedMessage(falsy)).toBe(false);
    const dropped = applyMutation(chunk, { kind: 'drop', field: 'header', pick: 1 });
    expect(isWellFormedMessage(dropped)).toBe(false);
  });

  it('a getter that throws where a field was makes the copy malformed', () => {
    const chunk = realMessages[0]?.[1] as WireMessage;
    const damaged = applyMutation(chunk, { kind: 'body', value: { kind: 'throws', thrown: { kind: 'null' } } });
    expect(() => (damaged as WireMessage).body).toThrow();
    expect(
      isWellFormedMessage(applyMutation(chunk, { kind: 'body', value: { kind: 'throws', thrown: { kind: 'null' } } })),
    ).toBe(false);
  });
});
