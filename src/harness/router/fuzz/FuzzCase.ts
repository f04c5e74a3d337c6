import fc from 'fast-check';
import { ContentType, InstantStrategy, SyncStateHeader, SyncStrategyHeader } from '../../../session/messages.js';
import type { Hostile } from '../hostile/Hostile.js';
import { hostileMessageArbitrary } from '../hostile/hostileArbitrary.js';
import { type MessageMutation, mutationArbitrary } from '../hostile/MessageMutation.js';

/** The real messages a mutation starts from; `messageTemplate` builds each from the controller's state. */
export const TEMPLATES = ['full-state-chunk', 'legacy-sync', 'live-add', 'update', 'removal'] as const;
export type Template = (typeof TEMPLATES)[number];

/** One message of a fuzz run, as data. */
export type FuzzCase = {
  /** Send it while a full sync is half delivered, rather than to an idle router. */
  readonly midSync: boolean;
} & (
  | { readonly source: 'hostile'; readonly message: Hostile }
  /** Plain JSON in the shape of a message: may be well-formed, and then the router must take it. */
  | { readonly source: 'json'; readonly message: unknown }
  | { readonly source: 'mutation'; readonly template: Template; readonly mutation: MessageMutation }
);

export type FuzzSource = FuzzCase['source'];
export const FUZZ_SOURCES: readonly FuzzSource[] = ['hostile', 'json', 'mutation'];

// Tokens and ids of the sessions the fuzzed router holds, and others: JSON-shaped
// messages then touch real sessions often enough to be accepted and to change things.
const token = fc.oneof(fc.constantFrom('token-1', 'token-2', 'token-3', 'token-fuzz', ''), fc.string({ maxLength: 8 }));
const sessionId = fc.oneof(
  fc.constantFrom('as-000000000001', 'as-000000000003', 'as-999999999999', ''),
  fc.string({ maxLength: 8 }),
);
const json = fc.jsonValue({ maxDepth: 2 });

/** Mostly a session as the controller sends it; now and then one with a field missing or of the wrong type. */
const sessionLike = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      id: sessionId,
      token,
      identityId: fc.string({ maxLength: 4 }),
      certFingerprints: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { id: fc.oneof(sessionId, json), token: fc.oneof(token, json), identityId: json, certFingerprints: json },
      { requiredKeys: [] },
    ),
  },
);

const syncStateLike = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      id: fc.constantFrom('sync-000000000001', 'sync-000000000002', 'sync-999999999999', ''),
      isLast: fc.boolean(),
      sequence: fc.nat({ max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        id: fc.oneof(fc.constantFrom('sync-000000000002', 'sync-999999999999'), json),
        isLast: fc.oneof(fc.boolean(), json),
        sequence: fc.oneof(fc.integer(), fc.double(), json),
      },
      { requiredKeys: [] },
    ),
  },
);

const headersLike = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  {
    weight: 3,
    arbitrary: fc.record({
      [SyncStrategyHeader]: fc.oneof(
        { weight: 4, arbitrary: fc.constant(InstantStrategy) },
        { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      ),
      [SyncStateHeader]: fc.oneof(
        { weight: 4, arbitrary: syncStateLike.map((state) => JSON.stringify(state)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }) },
  { weight: 1, arbitrary: json },
);

const sessions = fc.oneof(
  { weight: 4, arbitrary: fc.array(sessionLike, { maxLength: 3 }) },
  { weight: 1, arbitrary: json },
);

const bodyFor: Record<'ApiSessionAdded' | 'ApiSessionUpdated' | 'ApiSessionRemoved', fc.Arbitrary<unknown>> = {
  ApiSessionAdded: fc.record({
    isFullState: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: json }),
    apiSessions: sessions,
  }),
  ApiSessionUpdated: fc.record({ apiSessions: sessions }),
  ApiSessionRemoved: fc.record({
    tokens: fc.oneof({ weight: 4, arbitrary: fc.array(token, { maxLength: 3 }) }, { weight: 1, arbitrary: json }),
  }),
};

/** Mostly a message of a type the router handles, with a body of that type's shape; sometimes any JSON. */
const jsonMessageArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(ContentType.ApiSessionAdded, ContentType.ApiSessionUpdated, ContentType.ApiSessionRemoved)
      .chain((contentType) =>
        fc.record({ contentType: fc.constant(contentType), headers: headersLike, body: bodyFor[contentType] }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        contentType: fc.oneof(fc.constantFrom(...Object.values(ContentType)), fc.string({ maxLength: 8 }), json),
        headers: headersLike,
        body: fc.oneof(...Object.values(bodyFor), json),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: json },
);

/** A third each of hostile values, JSON-shaped messages and damaged real ones; a quarter sent mid-sync. */
export const fuzzCaseArbitrary: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.nat({ max: 3 }).map((n) => n === 0),
    fc.oneof(
      fc.record({ source: fc.constant('hostile' as const), message: hostileMessageArbitrary }),
      fc.record({ source: fc.constant('json' as const), message: jsonMessageArbitrary }),
      fc.record({
        source: fc.constant('mutation' as const),
        template: fc.constantFrom(...TEMPLATES),
        mutation: mutationArbitrary,
      }),
    ),
  )
  .map(([midSync, rest]) => ({ midSync, ...rest }));
