import { describe, expect, it } from 'vitest';
import { FAULT_PROFILE_NAMES, type FaultProfileName } from '../../../src/faults.js';
import {
  type ApiSession,
  ContentType,
  InstantStrategy,
  SyncStateHeader,
  SyncStrategyHeader,
} from '../../../src/session/messages.js';
import type { ProtocolErrorCode } from '../../../src/session/ProtocolError.js';
import {
  applyInitialSync,
  chunk,
  live,
  type RouterFixture,
  routerFixture,
  session,
  sessions,
} from '../../support/routerFixture.js';

/** A router of `profile` holding sessions 1..3 from sync 1. */
function cachedRouter(profile: FaultProfileName = 'fixed'): RouterFixture {
  const fixture = routerFixture(profile);
  applyInitialSync(fixture, 3);
  return fixture;
}

/** The cache as token → the very session object held. */
function cacheOf(fixture: RouterFixture): Map<string, ApiSession> {
  return new Map(fixture.router.state.allSessions().map((s) => [s.token, s]));
}

/** Sends `message` and expects it dropped with one `code` error: nothing thrown, crashed, cached or asked for. */
function expectRejected(message: unknown, code: ProtocolErrorCode, profile: FaultProfileName = 'fixed'): string {
  const fixture = cachedRouter(profile);
  const before = cacheOf(fixture);
  const errorsBefore = fixture.router.stats().protocolErrors;
  expect(() => fixture.router.receive(message)).not.toThrow();
  fixture.settle();
  const stats = fixture.router.stats();
  expect(stats.handlerCrashes).toBe(0);
  expect(stats.protocolErrors - errorsBefore).toBe(1);
  expect(stats.protocolErrorsByCode[code]).toBe(1);
  expect(cacheOf(fixture)).toEqual(before);
  for (const [token, held] of cacheOf(fixture)) expect(held).toBe(before.get(token));
  expect(fixture.sent).toEqual([]);
  const error = fixture.router.recentProtocolErrors().at(-1);
  expect(error?.message).toMatch(/dropped and counted$/);
  return error?.detail ?? '';
}

const fullStateBody = { isFullState: true, apiSessions: [session(1)] };
const withoutPrototype = (entries: Record<string, unknown>): object => Object.assign(Object.create(null), entries);
const refusing = (): never => {
  throw new TypeError('refused');
};
/** Real sync headers, but reading the sync state throws. */
function headersWithThrowingState(): object {
  const headers = { [SyncStrategyHeader]: InstantStrategy };
  Object.defineProperty(headers, SyncStateHeader, { get: refusing, enumerable: true });
  return headers;
}
const uncoercible = { toString: refusing, valueOf: refusing, [Symbol.toPrimitive]: refusing };
const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwingProxy = (thrown: unknown): object =>
  new Proxy(
    {},
    new Proxy(
      {},
      {
        get: () => () => {
          throw thrown;
        },
      },
    ),
  );
/** A message whose field `key` is a getter throwing `thrown`. */
function throwingField(key: 'contentType' | 'headers' | 'body', thrown: unknown): object {
  const message: Record<string, unknown> = {
    contentType: ContentType.ApiSessionAdded,
    headers: {},
    body: fullStateBody,
  };
  Object.defineProperty(message, key, {
    get() {
      throw thrown;
    },
    enumerable: true,
  });
  return message;
}

describe('the router survives any envelope', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a string', 'ApiSessionAdded'],
    ['a boolean', true],
    ['a symbol', Symbol('message')],
    ['a bigint', 10n],
    ['a list', [ContentType.ApiSessionAdded, {}, fullStateBody]],
    ['a function', () => fullStateBody],
  ])('a message that is %s is a malformed envelope', (_name, message) => {
    expect(expectRejected(message, 'malformed-envelope')).toMatch(/^the message is .+, not an object/);
  });

  it.each([
    ['missing', undefined],
    ['a symbol', Symbol('type')],
    ['an object without a prototype', withoutPrototype({ type: 'ApiSessionAdded' })],
    ['an object refusing coercion', uncoercible],
    ['a number', 7],
    ['a boxed string', Object(ContentType.ApiSessionAdded)],
  ])('a contentType that is %s is malformed', (_name, contentType) => {
    const detail = expectRejected({ contentType, headers: {}, body: fullStateBody }, 'malformed-content-type');
    expect(detail).toMatch(/^contentType is .+, not a string$/);
  });

  it.each([
    ['null', null],
    ['missing', undefined],
    ['false', false],
    ['a list', []],
    ['a string', 'syncState'],
    ['a Map', new Map([[SyncStrategyHeader, InstantStrategy]])],
    ['a boxed string', Object('headers')],
    ['a map with a number in it', { [SyncStrategyHeader]: InstantStrategy, [SyncStateHeader]: 7 }],
    ['a map with a null in it', { other: null }],
  ])('headers that are %s do not make a full-state chunk a legacy sync', (_name, headers) => {
    // A legacy sync would keep session 1 and delete sessions 2 and 3.
    const detail = expectRejected(
      { contentType: ContentType.ApiSessionAdded, headers, body: fullStateBody },
      'malformed-headers',
    );
    expect(detail).toMatch(/^header(s are| ".*" is) .+, not a/);
  });

  it('malformed headers are refused on every content type, not only on full-state chunks', () => {
    expectRejected({ ...live(session(9)), headers: false }, 'malformed-headers');
    expectRejected(
      { contentType: ContentType.ApiSessionRemoved, headers: [], body: { tokens: ['token-1'] } },
      'malformed-headers',
    );
  });

  it('a well-formed map without sync headers, with or without a prototype, is still a legacy sync', () => {
    for (const headers of [{}, withoutPrototype({}), { unrelated: 'value' }]) {
      const fixture = cachedRouter();
      fixture.router.receive({ contentType: ContentType.ApiSessionAdded, headers, body: fullStateBody });
      fixture.settle();
      expect(fixture.tokens()).toEqual(['token-1']);
      expect(fixture.router.stats().protocolErrors).toBe(0);
    }
  });

  it('sync headers in an object without a prototype are read like any others', () => {
    const fixture = cachedRouter();
    const headers = withoutPrototype(chunk(2, 0, true, sessions(1, 2)).headers);
    fixture.router.receive({ ...chunk(2, 0, true, sessions(1, 2)), headers });
    fixture.settle();
    expect(fixture.router.stats().syncsApplied).toBe(2);
    expect(fixture.tokens()).toEqual(['token-1', 'token-2']);
  });

  it.each([
    ['contentType', 'contentType'],
    ['headers', 'headers'],
    ['body', 'body'],
  ] as const)('a getter on %s that throws makes the message unreadable', (_name, key) => {
    expect(expectRejected(throwingField(key, new Error('getter exploded')), 'unreadable-message')).toBe(
      'reading the message threw Error: getter exploded',
    );
  });

  it('a thrown value that cannot even be shown still gives a readable error', () => {
    const detail = expectRejected(throwingField('body', withoutPrototype({})), 'unreadable-message');
    expect(detail).toBe('reading the message threw a value of type object that cannot be shown');
  });

  it.each([
    ['a revoked proxy as the message', revoked()],
    ['a proxy whose every trap throws as the message', throwingProxy(new Error('trap'))],
    ['a revoked proxy as the body', { contentType: ContentType.ApiSessionAdded, headers: {}, body: revoked() }],
    [
      'a throwing getter among the headers',
      { contentType: ContentType.ApiSessionAdded, headers: headersWithThrowingState(), body: fullStateBody },
    ],
    ['a revoked proxy as the headers', { contentType: ContentType.ApiSessionAdded, headers: revoked(), body: {} }],
    [
      'a throwing proxy in apiSessions',
      { ...live(session(9)), body: { isFullState: false, apiSessions: [throwingProxy(new Error('trap'))] } },
    ],
  ])('%s is unreadable', (_name, message) => {
    expectRejected(message, 'unreadable-message');
  });

  it('a throwing getter deep in a body is unreadable, and nothing before it is cached', () => {
    const apiSessions = [session(7)];
    Object.defineProperty(apiSessions, 1, {
      get() {
        throw new Error('item exploded');
      },
      enumerable: true,
    });
    expectRejected({ ...live(), body: { isFullState: false, apiSessions } }, 'unreadable-message');
    const withBadFingerprints = { ...session(8) };
    Object.defineProperty(withBadFingerprints, 'certFingerprints', { get: refusing, enumerable: true });
    expectRejected(live(withBadFingerprints), 'unreadable-message');
  });

  it('reads every field once, so a getter cannot answer one thing to the check and another to the cache', () => {
    const fixture = cachedRouter();
    let reads = 0;
    const shifty = { ...session(9) };
    Object.defineProperty(shifty, 'id', { get: () => (reads++ === 0 ? 'as-000000000009' : { not: 'a string' }) });
    fixture.router.receive(live(shifty));
    fixture.settle();
    expect(reads).toBe(1);
    expect(fixture.router.state.getApiSession('token-9')?.id).toBe('as-000000000009');
  });

  it('caches a copy, so the peer cannot change a cached session afterwards', () => {
    const fixture = cachedRouter();
    const sent = { ...session(9), certFingerprints: ['fp-9'] };
    fixture.router.receive(live(sent));
    sent.certFingerprints.push('forged');
    (sent as { token: string }).token = 'forged';
    expect(fixture.router.state.getApiSession('token-9')?.certFingerprints).toEqual(['fp-9']);
  });

  it('an unknown content type is cut short in its error, so a huge one is not kept', () => {
    const detail = expectRejected({ contentType: 'x'.repeat(100_000), headers: {}, body: {} }, 'unknown-content-type');
    expect(detail.length).toBeLessThan(100);
  });

  it.each(FAULT_PROFILE_NAMES)('under %s, receive never throws and counts at once', (profile) => {
    // Upstream-races hands each message to a task named after it: the name must not be built from junk.
    const cases: [unknown, ProtocolErrorCode][] = [
      [null, 'malformed-envelope'],
      [{ contentType: Symbol('t'), headers: {}, body: {} }, 'malformed-content-type'],
      [{ contentType: uncoercible, headers: {}, body: {} }, 'malformed-content-type'],
      [throwingField('contentType', 1), 'unreadable-message'],
      [{ contentType: ContentType.ApiSessionAdded, headers: false, body: fullStateBody }, 'malformed-headers'],
    ];
    for (const [message, code] of cases) expectRejected(message, code, profile);
  });
});
