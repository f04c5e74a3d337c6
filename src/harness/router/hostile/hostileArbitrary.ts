import fc from 'fast-check';
import { ContentType, InstantStrategy, SyncStateHeader, SyncStrategyHeader } from '../../../session/messages.js';
import type { Hostile, HostileEntry } from './Hostile.js';

/**
 * Keys the router reads, and keys that mean something to JavaScript itself: with
 * them an arbitrary object gets past the first check often enough to reach the next.
 */
const KEYS = [
  'contentType',
  'headers',
  'body',
  'isFullState',
  'apiSessions',
  'tokens',
  'ids',
  'id',
  'token',
  'identityId',
  'certFingerprints',
  SyncStrategyHeader,
  SyncStateHeader,
  '__proto__',
  'constructor',
  'toString',
  'length',
] as const;

/** Strings the router compares with, a legible sync state or two, and near misses. */
const STRINGS = [
  ...Object.values(ContentType),
  InstantStrategy,
  '',
  'apisessionadded',
  '{}',
  'null',
  '{"id":"sync-999999999999","isLast":true,"sequence":0}',
  '{"id":"sync-999999999999","isLast":false,"sequence":-1}',
] as const;

const keyArbitrary = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 }));
const stringArbitrary = fc.oneof(fc.constantFrom(...STRINGS), fc.string({ maxLength: 12 }));

const number = (value: number): Hostile =>
  Object.is(value, -0) ? { kind: 'negative-zero' } : { kind: 'number', value };

/** Leaves, simplest first: shrinking ends on `undefined` or `null` whenever those fail too. */
const leafArbitrary: fc.Arbitrary<Hostile> = fc.oneof(
  { withCrossShrink: true },
  fc.constant<Hostile>({ kind: 'undefined' }),
  fc.constant<Hostile>({ kind: 'null' }),
  fc.boolean().map((value): Hostile => ({ kind: 'boolean', value })),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map(number),
  stringArbitrary.map((value): Hostile => ({ kind: 'string', value })),
  fc.constant<Hostile>({ kind: 'nan' }),
  fc.boolean().map((negative): Hostile => ({ kind: 'infinity', negative })),
  fc.constant<Hostile>({ kind: 'negative-zero' }),
  fc.bigInt().map((value): Hostile => ({ kind: 'bigint', digits: value.toString() })),
  fc.string({ maxLength: 6 }).map((description): Hostile => ({ kind: 'symbol', description })),
  fc.constant<Hostile>({ kind: 'function' }),
  fc.string({ maxLength: 6 }).map((value): Hostile => ({ kind: 'boxed-string', value })),
  fc.constant<Hostile>({ kind: 'uncoercible' }),
  fc.constant<Hostile>({ kind: 'revoked-proxy' }),
);

/** Arbitrary values, nested a few levels: fast-check's `anything()`, plus what it never makes. */
export const hostileArbitrary: fc.Arbitrary<Hostile> = fc.letrec<{ value: Hostile }>((tie) => {
  const entries = fc.uniqueArray(fc.tuple(keyArbitrary, tie('value')), {
    maxLength: 4,
    selector: ([key]) => key,
  }) as fc.Arbitrary<HostileEntry[]>;
  return {
    value: fc.oneof(
      { withCrossShrink: true, maxDepth: 3, depthSize: 'small' },
      { weight: 6, arbitrary: leafArbitrary },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('object' as const), entries, nullPrototype: fc.boolean() }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('array' as const), items: fc.array(tie('value'), { maxLength: 3 }) }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('map' as const), entries }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('throws' as const), thrown: tie('value') }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('flaky' as const), first: tie('value'), after: tie('value') }),
      },
    ),
  };
}).value;

const contentTypes = fc.constantFrom(
  ContentType.ApiSessionAdded,
  ContentType.ApiSessionUpdated,
  ContentType.ApiSessionRemoved,
);

/** A header map close to a real one: the sync headers, each a legible value or not. */
const headersLike: fc.Arbitrary<Hostile> = fc
  .subarray([SyncStrategyHeader, SyncStateHeader] as string[])
  .chain((keys) => fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), hostileArbitrary))))
  .map((entries): Hostile => ({ kind: 'object', entries: entries as HostileEntry[], nullPrototype: false }));

/** A body close to a real one: the fields of some message, each anything. */
const bodyLike: fc.Arbitrary<Hostile> = fc
  .subarray(['isFullState', 'apiSessions', 'tokens'])
  .chain((keys) => fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), hostileArbitrary))))
  .map((entries): Hostile => ({ kind: 'object', entries: entries as HostileEntry[], nullPrototype: false }));

const asString = (value: string): Hostile => ({ kind: 'string', value });

/**
 * A whole message as a peer might send it: anything at all, or an envelope with
 * the three fields, each a real-looking value or anything.
 */
export const hostileMessageArbitrary: fc.Arbitrary<Hostile> = fc.oneof(
  { withCrossShrink: true },
  hostileArbitrary,
  fc
    .record({
      contentType: fc.oneof(contentTypes.map(asString), hostileArbitrary),
      headers: fc.oneof(headersLike, hostileArbitrary),
      body: fc.oneof(bodyLike, hostileArbitrary),
      nullPrototype: fc.boolean(),
    })
    .map(
      ({ contentType, headers, body, nullPrototype }): Hostile => ({
        kind: 'object',
        entries: [
          ['contentType', contentType],
          ['headers', headers],
          ['body', body],
        ],
        nullPrototype,
      }),
    ),
);
