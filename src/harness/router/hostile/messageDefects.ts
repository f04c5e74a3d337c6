import fc from 'fast-check';
import {
  type ApiSession,
  ContentType,
  InstantStrategy,
  type SyncState,
  SyncStateHeader,
  SyncStrategyHeader,
} from '../../../session/messages.js';
import type { ProtocolErrorCode } from '../../../session/ProtocolError.js';
import { MAX_SYNC_SEQUENCE } from '../../../session/parseMessage.js';

/**
 * One defect of a controller message, as the parser must name it: each check of the parser
 * has a defect here that only it catches, with the code it must answer. A message with no
 * defect must parse to exactly what was sent, so a check that refuses too much shows too.
 */
export interface MessageDefectCase {
  /** What was done to the sound message, for a counterexample. */
  readonly description: string;
  readonly raw: unknown;
  readonly expected: ExpectedParse;
}

export type ExpectedParse =
  | {
      readonly ok: true;
      readonly contentType: string;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: unknown;
      /** What the chunk's sync headers must read as, for an `ApiSessionAdded`. */
      readonly syncHeaders?: ExpectedSyncHeaders;
    }
  | { readonly ok: false; readonly code: ProtocolErrorCode; readonly syncId: string | undefined };

export type ExpectedSyncHeaders =
  | { readonly ok: true; readonly kind: 'legacy' }
  | { readonly ok: true; readonly kind: 'instant'; readonly syncState: SyncState }
  | { readonly ok: false; readonly code: ProtocolErrorCode; readonly syncId: string | undefined };

/** A session as the controller might send it, and the plain data the router must keep of it. */
interface SessionOnWire {
  readonly raw: Record<string, unknown>;
  readonly parsed: ApiSession;
}

const NOT_STRINGS: readonly unknown[] = [undefined, null, 7, true, {}, ['a']];

const sessionOnWire: fc.Arbitrary<SessionOnWire> = fc
  .record({
    id: fc.stringMatching(/^as-\d{3}$/),
    token: fc.stringMatching(/^token-\d{1,3}$/),
    identityId: fc.oneof(fc.constantFrom('id-1', ''), fc.constantFrom(...NOT_STRINGS)),
    fingerprints: fc.oneof(
      fc.array(fc.oneof(fc.constantFrom('fp-a', 'fp-b', ''), fc.constantFrom(...NOT_STRINGS)), { maxLength: 3 }),
      // Not a list, though a text or an object with a length reads like one: no fingerprints.
      fc.constantFrom<unknown>('fp-a', { length: 1, 0: 'fp-a' }, undefined, 7),
    ),
    extra: fc.boolean(),
  })
  .map(({ id, token, identityId, fingerprints, extra }) => ({
    raw: { id, token, identityId, certFingerprints: fingerprints, ...(extra ? { note: 'unread' } : {}) },
    parsed: {
      id,
      token,
      identityId: typeof identityId === 'string' ? identityId : '',
      certFingerprints: Array.isArray(fingerprints)
        ? fingerprints.filter((item): item is string => typeof item === 'string')
        : [],
    },
  }));

/** How a chunk's sync headers are sent: sound, legacy (none), or with one defect and what it must be called. */
type SyncHeaderVariant = {
  readonly description: string;
  readonly headers: Record<string, unknown>;
  readonly expected: ExpectedSyncHeaders;
};

const syncStateOnWire = fc.record({
  id: fc.stringMatching(/^sync-\d{3}$/),
  isLast: fc.boolean(),
  sequence: fc.oneof(fc.nat({ max: 5 }), fc.constant(MAX_SYNC_SEQUENCE)),
});

function syncHeaderVariants(state: SyncState): Record<string, SyncHeaderVariant> {
  const instant = (raw: unknown): Record<string, unknown> => ({
    [SyncStrategyHeader]: InstantStrategy,
    [SyncStateHeader]: typeof raw === 'string' ? raw : JSON.stringify(raw),
  });
  const failing = (code: ProtocolErrorCode, syncId?: string) => ({ ok: false as const, code, syncId });
  const { id, isLast, sequence } = state;
  return {
    sound: {
      description: 'sound sync headers',
      headers: instant(state),
      expected: { ok: true, kind: 'instant', syncState: state },
    },
    legacy: { description: 'no sync headers (legacy)', headers: {}, expected: { ok: true, kind: 'legacy' } },
    otherStrategy: {
      description: 'another sync strategy',
      headers: { ...instant(state), [SyncStrategyHeader]: 'instant-v2' },
      expected: failing('unknown-sync-strategy'),
    },
    noStrategy: {
      description: 'a sync state without a strategy',
      headers: { [SyncStateHeader]: JSON.stringify(state) },
      expected: failing('unknown-sync-strategy'),
    },
    noState: {
      description: 'a strategy without a sync state',
      headers: { [SyncStrategyHeader]: InstantStrategy },
      expected: failing('malformed-sync-state'),
    },
    notJson: {
      description: 'a sync state that is not JSON',
      headers: instant('{id:'),
      expected: failing('malformed-sync-state'),
    },
    notObject: {
      description: 'a sync state that is a list',
      headers: instant('[]'),
      expected: failing('malformed-sync-state'),
    },
    nullState: {
      description: 'a sync state of null',
      headers: instant('null'),
      expected: failing('malformed-sync-state'),
    },
    noId: {
      description: 'a sync state without an id',
      headers: instant({ isLast, sequence }),
      expected: failing('missing-sync-id'),
    },
    emptyId: {
      description: 'a sync state with an empty id',
      headers: instant({ id: '', isLast, sequence }),
      expected: failing('missing-sync-id'),
    },
    negative: {
      description: 'sequence -1',
      headers: instant({ id, isLast, sequence: -1 }),
      expected: failing('bad-sequence', id),
    },
    fraction: {
      description: 'sequence 1.5',
      headers: instant({ id, isLast, sequence: 1.5 }),
      expected: failing('bad-sequence', id),
    },
    tooLarge: {
      description: 'a sequence past the largest',
      headers: instant({ id, isLast, sequence: MAX_SYNC_SEQUENCE + 1 }),
      expected: failing('bad-sequence', id),
    },
    textSequence: {
      description: 'sequence "0"',
      headers: instant({ id, isLast, sequence: '0' }),
      expected: failing('bad-sequence', id),
    },
    noSequence: { description: 'no sequence', headers: instant({ id, isLast }), expected: failing('bad-sequence', id) },
    noIsLast: {
      description: 'no isLast',
      headers: instant({ id, sequence }),
      expected: failing('malformed-sync-state', id),
    },
    textIsLast: {
      description: 'isLast "true"',
      headers: instant({ id, sequence, isLast: 'true' }),
      expected: failing('malformed-sync-state', id),
    },
  };
}

/** The syncId a body defect of a chunk with these headers carries: the sync it breaks, where the headers name it. */
function syncIdNamed(expected: ExpectedSyncHeaders): string | undefined {
  if (expected.ok) return expected.kind === 'instant' ? expected.syncState.id : undefined;
  return expected.syncId;
}

type Body = Record<string, unknown>;

/** A defect of a body, with the code it must get; `undefined` leaves the body sound. */
interface BodyDefect {
  readonly description: string;
  readonly code: ProtocolErrorCode;
  /** The damaged body, from a copy of the sound one. */
  damage(body: Body): unknown;
}

function sessionDefects(): BodyDefect[] {
  const atFirst = (change: (session: Record<string, unknown>) => unknown) => (body: Body) => {
    const sessions = [...((body.apiSessions as Record<string, unknown>[] | undefined) ?? [])];
    sessions.splice(
      0,
      1,
      change({ ...(sessions[0] ?? { id: 'as-999', token: 'token-999' }) }) as Record<string, unknown>,
    );
    return { ...body, apiSessions: sessions };
  };
  return [
    { description: 'apiSessions missing', code: 'malformed-body', damage: ({ apiSessions: _, ...rest }) => rest },
    { description: 'apiSessions an object', code: 'malformed-body', damage: (body) => ({ ...body, apiSessions: {} }) },
    { description: 'a session that is null', code: 'malformed-session', damage: atFirst(() => null) },
    { description: 'a session that is a list', code: 'malformed-session', damage: atFirst(() => []) },
    { description: 'a session that is a string', code: 'malformed-session', damage: atFirst(() => 'token-1') },
    {
      description: 'a session with an empty id',
      code: 'malformed-session',
      damage: atFirst((s) => ({ ...s, id: '' })),
    },
    { description: 'a session without an id', code: 'malformed-session', damage: atFirst(({ id: _, ...s }) => s) },
    {
      description: 'a session with a numeric token',
      code: 'malformed-session',
      damage: atFirst((s) => ({ ...s, token: 7 })),
    },
    {
      description: 'a session with an empty token',
      code: 'malformed-session',
      damage: atFirst((s) => ({ ...s, token: '' })),
    },
  ];
}

const notAnObject: BodyDefect[] = [
  { description: 'a body of null', code: 'malformed-body', damage: () => null },
  { description: 'a body that is a list', code: 'malformed-body', damage: () => [] },
  { description: 'a body that is a string', code: 'malformed-body', damage: () => 'body' },
];

const ADDED_DEFECTS: readonly BodyDefect[] = [
  ...notAnObject,
  { description: 'isFullState missing', code: 'malformed-body', damage: ({ isFullState: _, ...rest }) => rest },
  { description: 'isFullState "true"', code: 'malformed-body', damage: (body) => ({ ...body, isFullState: 'true' }) },
  { description: 'isFullState 1', code: 'malformed-body', damage: (body) => ({ ...body, isFullState: 1 }) },
  ...sessionDefects(),
];

const UPDATED_DEFECTS: readonly BodyDefect[] = [...notAnObject, ...sessionDefects()];

const REMOVED_DEFECTS: readonly BodyDefect[] = [
  ...notAnObject,
  { description: 'tokens missing', code: 'malformed-body', damage: ({ tokens: _, ...rest }) => rest },
  { description: 'tokens a string', code: 'malformed-body', damage: (body) => ({ ...body, tokens: 'token-1' }) },
  {
    description: 'tokens an object',
    code: 'malformed-body',
    damage: (body) => ({ ...body, tokens: { 0: 'token-1' } }),
  },
  {
    description: 'an empty token',
    code: 'malformed-body',
    damage: (body) => ({ ...body, tokens: [...(body.tokens as string[]), ''] }),
  },
  {
    description: 'a numeric token',
    code: 'malformed-body',
    damage: (body) => ({ ...body, tokens: [4, ...(body.tokens as string[])] }),
  },
];

/** Defects of the envelope, content type and headers, whatever the message. */
interface EnvelopeDefect {
  readonly description: string;
  readonly code: ProtocolErrorCode;
  damage(message: Body): unknown;
}

const throwing = (field: string) => (message: Body) =>
  Object.defineProperty({ ...message }, field, {
    enumerable: true,
    get() {
      throw new Error(`the ${field} getter threw`);
    },
  });

const ENVELOPE_DEFECTS: readonly EnvelopeDefect[] = [
  { description: 'a message of null', code: 'malformed-envelope', damage: () => null },
  { description: 'a message that is a list', code: 'malformed-envelope', damage: (m) => [m] },
  { description: 'a message that is a string', code: 'malformed-envelope', damage: () => 'ApiSessionAdded' },
  { description: 'no contentType', code: 'malformed-content-type', damage: ({ contentType: _, ...m }) => m },
  { description: 'a numeric contentType', code: 'malformed-content-type', damage: (m) => ({ ...m, contentType: 3 }) },
  {
    description: 'an unknown contentType',
    code: 'unknown-content-type',
    damage: (m) => ({ ...m, contentType: 'apiSessionAdded' }),
  },
  {
    description: 'a resync request sent to the router',
    code: 'unknown-content-type',
    damage: (m) => ({ ...m, contentType: ContentType.RequestClientReSync }),
  },
  { description: 'headers of null', code: 'malformed-headers', damage: (m) => ({ ...m, headers: null }) },
  { description: 'no headers', code: 'malformed-headers', damage: ({ headers: _, ...m }) => m },
  {
    description: 'headers that are a string',
    code: 'malformed-headers',
    damage: (m) => ({ ...m, headers: 'syncStrategy=instant' }),
  },
  { description: 'headers that are a list', code: 'malformed-headers', damage: (m) => ({ ...m, headers: [] }) },
  { description: 'headers that are a Map', code: 'malformed-headers', damage: (m) => ({ ...m, headers: new Map() }) },
  {
    description: 'a header that is not a string',
    code: 'malformed-headers',
    damage: (m) => ({ ...m, headers: { ...(m.headers as Body), traceId: 12 } }),
  },
  { description: 'a body getter that throws', code: 'unreadable-message', damage: throwing('body') },
  { description: 'a contentType getter that throws', code: 'unreadable-message', damage: throwing('contentType') },
];

/** Sound headers sent without a prototype must read the same as with one. */
function withoutPrototype(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, headers);
}

const addedCase: fc.Arbitrary<MessageDefectCase> = fc
  .record({
    isFullState: fc.boolean(),
    sessions: fc.array(sessionOnWire, { maxLength: 3 }),
    state: syncStateOnWire,
    headerVariant: fc.nat(),
    bodyDefect: fc.option(fc.nat({ max: ADDED_DEFECTS.length - 1 }), { freq: 2 }),
    bare: fc.boolean(),
  })
  .map(({ isFullState, sessions, state, headerVariant, bodyDefect, bare }) => {
    const variants = Object.values(syncHeaderVariants(state));
    const variant = variants[headerVariant % variants.length] as SyncHeaderVariant;
    const headers = bare ? withoutPrototype(variant.headers) : variant.headers;
    const body = { isFullState, apiSessions: sessions.map((s) => s.raw) };
    const defect = bodyDefect === null ? undefined : ADDED_DEFECTS[bodyDefect];
    const description = `ApiSessionAdded (isFullState ${isFullState}, ${sessions.length} session(s)), ${variant.description}${bare ? ' without a prototype' : ''}`;
    if (defect !== undefined) {
      return {
        description: `${description}, ${defect.description}`,
        raw: { contentType: ContentType.ApiSessionAdded, headers, body: defect.damage(body) },
        expected: { ok: false, code: defect.code, syncId: syncIdNamed(variant.expected) },
      };
    }
    return {
      description,
      raw: { contentType: ContentType.ApiSessionAdded, headers, body },
      expected: {
        ok: true,
        contentType: ContentType.ApiSessionAdded,
        headers: variant.headers as Record<string, string>,
        body: { isFullState, apiSessions: sessions.map((s) => s.parsed) },
        syncHeaders: variant.expected,
      },
    };
  });

function liveCase(
  contentType: string,
  defects: readonly BodyDefect[],
  sound: fc.Arbitrary<{ readonly raw: Body; readonly parsed: unknown; readonly description: string }>,
): fc.Arbitrary<MessageDefectCase> {
  return fc
    .record({ sound, bodyDefect: fc.option(fc.nat({ max: defects.length - 1 }), { freq: 2 }) })
    .map(({ sound: { raw, parsed, description }, bodyDefect }) => {
      const defect = bodyDefect === null ? undefined : defects[bodyDefect];
      if (defect !== undefined) {
        return {
          description: `${contentType} (${description}), ${defect.description}`,
          raw: { contentType, headers: {}, body: defect.damage(raw) },
          expected: { ok: false, code: defect.code, syncId: undefined },
        };
      }
      return {
        description: `${contentType} (${description})`,
        raw: { contentType, headers: {}, body: raw },
        expected: { ok: true, contentType, headers: {}, body: parsed },
      };
    });
}

const updatedCase = liveCase(
  ContentType.ApiSessionUpdated,
  UPDATED_DEFECTS,
  fc.array(sessionOnWire, { maxLength: 3 }).map((sessions) => ({
    raw: { apiSessions: sessions.map((s) => s.raw) },
    parsed: { apiSessions: sessions.map((s) => s.parsed) },
    description: `${sessions.length} session(s)`,
  })),
);

const removedCase = liveCase(
  ContentType.ApiSessionRemoved,
  REMOVED_DEFECTS,
  fc.array(fc.stringMatching(/^token-\d{1,3}$/), { maxLength: 3 }).map((tokens) => ({
    raw: { tokens, ids: tokens.map((_, i) => `as-${i}`) },
    parsed: { tokens },
    description: `${tokens.length} token(s)`,
  })),
);

const soundOrLive = fc.oneof(addedCase, updatedCase, removedCase);

/** Any of the three messages, sound or with one defect of its body, or one of its envelope. */
export const messageDefectCase: fc.Arbitrary<MessageDefectCase> = fc.oneof(
  { arbitrary: soundOrLive, weight: 3 },
  {
    arbitrary: fc
      .record({ base: soundOrLive, defect: fc.nat({ max: ENVELOPE_DEFECTS.length - 1 }) })
      .map(({ base, defect }) => {
        const envelope = ENVELOPE_DEFECTS[defect] as EnvelopeDefect;
        return {
          description: `${base.description}, then ${envelope.description}`,
          raw: envelope.damage(base.raw as Body),
          expected: { ok: false as const, code: envelope.code, syncId: undefined },
        };
      }),
    weight: 1,
  },
);
