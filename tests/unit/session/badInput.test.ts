import { describe, expect, it } from 'vitest';
import {
  ContentType,
  SyncStateHeader,
  SyncStrategyHeader,
  sessionsRemoved,
  type WireMessage,
} from '../../../src/session/messages.js';
import { RouterCounters } from '../../../src/session/RouterCounters.js';
import {
  applyInitialSync,
  chunk,
  chunkWithRawState,
  live,
  type RouterFixture,
  routerFixture,
  session,
  sessions,
  syncId,
} from '../../support/routerFixture.js';

const CACHED = ['token-1', 'token-2', 'token-3'];

/** A router that applied sync 1 with sessions 1..3. */
function cachedRouter(): RouterFixture {
  const fixture = routerFixture('fixed');
  applyInitialSync(fixture, 3);
  expect(fixture.tokens()).toEqual(CACHED);
  return fixture;
}

function resyncRequests(fixture: RouterFixture): number {
  return fixture.sent.filter((m) => m.contentType === ContentType.RequestClientReSync).length;
}

/** What every bad input must leave true: counted, nothing thrown, nothing cached lost, no tracker left over. */
function expectContained(fixture: RouterFixture, code: string, count = 1): void {
  const stats = fixture.router.stats();
  expect(stats.protocolErrorsByCode).toMatchObject({ [code]: count });
  expect(stats.handlerCrashes).toBe(0);
  expect(fixture.tokens()).toEqual(expect.arrayContaining(CACHED));
  expect(stats.trackersHeld).toBe(0);
  expect(stats.syncInProgress).toBe('');
}

function expectCompleted(fixture: RouterFixture): void {
  const stats = fixture.router.stats();
  expect(stats.syncsApplied).toBe(2);
  expect(stats.syncsFailed).toBe(0);
  expect(resyncRequests(fixture)).toBe(0);
}

function expectFailedIntoResync(fixture: RouterFixture): void {
  const stats = fixture.router.stats();
  expect(stats.syncsApplied).toBe(1);
  expect(stats.syncsFailed).toBe(1);
  expect(resyncRequests(fixture)).toBe(1);
}

describe('bad input from the controller', () => {
  it.each([
    ['missing', '{"isLast":false,"sequence":1}'],
    ['empty', '{"id":"","isLast":false,"sequence":1}'],
  ])('a %s sync id is dropped and counted; the sync in progress still completes', (_name, rawState) => {
    const fixture = cachedRouter();
    fixture.router.receive(chunk(2, 0, false, sessions(1, 2)));
    expect(() => fixture.router.receive(chunkWithRawState(rawState, [session(3)]))).not.toThrow();
    fixture.router.receive(chunk(2, 1, true, [session(3)]));
    fixture.settle();
    expectContained(fixture, 'missing-sync-id');
    expectCompleted(fixture);
  });

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['absurdly large', 1e12],
    ['a string', '"1"'],
  ])('a %s sequence fails the sync it names into a resync', (_name, sequence) => {
    const fixture = cachedRouter();
    fixture.router.receive(chunk(2, 0, false, sessions(1, 2)));
    fixture.router.receive(
      chunkWithRawState(`{"id":"${syncId(2)}","isLast":true,"sequence":${sequence}}`, [session(3)]),
    );
    fixture.settle();
    expectContained(fixture, 'bad-sequence');
    expectFailedIntoResync(fixture);
    expect(fixture.router.recentProtocolErrors()[0]?.syncId).toBe(syncId(2));
  });

  it('a duplicate chunk is dropped and counted; the sync completes with the first copy', () => {
    const fixture = cachedRouter();
    fixture.router.receive(chunk(2, 0, false, sessions(1, 2)));
    fixture.router.receive(chunk(2, 0, false, sessions(1, 2)));
    fixture.router.receive(chunk(2, 1, true, [session(3)]));
    fixture.settle();
    expectContained(fixture, 'duplicate-chunk');
    expectCompleted(fixture);
  });

  it('two chunks claiming to be last fail the sync into a resync', () => {
    const fixture = cachedRouter();
    fixture.router.receive(chunk(2, 0, false, [session(1)]));
    fixture.router.receive(chunk(2, 2, true, [session(3)]));
    fixture.router.receive(chunk(2, 1, true, [session(2)]));
    fixture.settle();
    expectContained(fixture, 'second-last-chunk');
    expectFailedIntoResync(fixture);
    // The poisoned sync is closed: a straggler of it is stale, not a new error.
    fixture.router.receive(chunk(2, 3, false, []));
    expect(fixture.router.stats().staleChunksIgnored).toBe(1);
  });

  it('a chunk past the last fails the sync into a resync', () => {
    const fixture = cachedRouter();
    fixture.router.receive(chunk(2, 0, true, sessions(1, 3)));
    fixture.router.receive(chunk(2, 1, false, []));
    fixture.settle();
    expectContained(fixture, 'chunk-after-last');
    expectFailedIntoResync(fixture);
  });

  it('a chunk whose body has the wrong shape but whose sync headers read ends its sync at once, not at the deadline', () => {
    const fixture = cachedRouter();
    fixture.router.receive(chunk(2, 0, false, sessions(1, 2)));
    const broken: WireMessage = { ...chunk(2, 1, true, []), body: { isFullState: true, apiSessions: 'token-3' } };
    fixture.router.receive(broken);
    fixture.settle(1_000);
    expectContained(fixture, 'malformed-body');
    expectFailedIntoResync(fixture);
    expect(fixture.sent[0]?.body).toMatchObject({ reason: expect.stringMatching(/apiSessions is not a list/) });
  });

  it.each([
    ['a live add with a session lacking a token', live({ ...session(9), token: '' }), 'malformed-session'],
    [
      'an update that is not an object',
      { contentType: ContentType.ApiSessionUpdated, headers: {}, body: 42 },
      'malformed-body',
    ],
    ['a removal without a token list', { ...sessionsRemoved([session(1)]), body: { ids: ['as-1'] } }, 'malformed-body'],
    ['a message of an unknown type', { contentType: 'Hello', headers: {}, body: {} }, 'unknown-content-type'],
    [
      'a chunk of an unknown sync strategy',
      { ...chunk(2, 0, true, []), headers: { [SyncStrategyHeader]: 'eventual', [SyncStateHeader]: '{}' } },
      'unknown-sync-strategy',
    ],
    ['a sync state that is not JSON', chunkWithRawState('{id:'), 'malformed-sync-state'],
  ] as const)('%s is dropped and counted, and changes nothing', (_name, message, code) => {
    const fixture = cachedRouter();
    expect(() => fixture.router.receive(message as WireMessage)).not.toThrow();
    fixture.settle();
    expectContained(fixture, code);
    expect(fixture.tokens()).toEqual(CACHED);
    expect(fixture.router.stats().protocolErrors).toBe(1);
  });

  it('keeps only the most recent errors, so a flood of bad input cannot grow memory', () => {
    const fixture = cachedRouter();
    for (let i = 0; i < 500; i++) fixture.router.receive({ contentType: 'Junk', headers: {}, body: i });
    expect(fixture.router.stats().protocolErrors).toBe(500);
    expect(fixture.router.recentProtocolErrors()).toHaveLength(RouterCounters.RECENT_ERRORS_KEPT);
  });
});
