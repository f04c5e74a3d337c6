import { describe, expect, it } from 'vitest';
import { InstantStrategy, SyncStateHeader, SyncStrategyHeader } from '../../../src/session/messages.js';
import { ProtocolError, type ProtocolErrorCode } from '../../../src/session/ProtocolError.js';
import {
  MAX_SYNC_SEQUENCE,
  type Parsed,
  parseAddedBody,
  parseRemovedBody,
  parseSyncHeaders,
  parseUpdatedBody,
} from '../../../src/session/parseMessage.js';
import { session } from '../../support/routerFixture.js';

function errorCode<T>(parsed: Parsed<T>): ProtocolErrorCode | 'ok' {
  if (parsed.ok) return 'ok';
  expect(parsed.error).toBeInstanceOf(ProtocolError);
  return parsed.error.code;
}

const headers = (state: unknown) => ({
  [SyncStrategyHeader]: InstantStrategy,
  [SyncStateHeader]: typeof state === 'string' ? state : JSON.stringify(state),
});

describe('parseSyncHeaders', () => {
  it.each([
    ['no sync id', { isLast: true, sequence: 0 }, 'missing-sync-id'],
    ['an empty sync id', { id: '', isLast: true, sequence: 0 }, 'missing-sync-id'],
    ['a numeric sync id', { id: 7, isLast: true, sequence: 0 }, 'missing-sync-id'],
    ['a negative sequence', { id: 's', isLast: true, sequence: -1 }, 'bad-sequence'],
    ['a fractional sequence', { id: 's', isLast: true, sequence: 1.5 }, 'bad-sequence'],
    ['an absurd sequence', { id: 's', isLast: true, sequence: MAX_SYNC_SEQUENCE + 1 }, 'bad-sequence'],
    ['a string sequence', { id: 's', isLast: true, sequence: '3' }, 'bad-sequence'],
    ['no isLast', { id: 's', sequence: 0 }, 'malformed-sync-state'],
    ['a state that is not an object', [1, 2], 'malformed-sync-state'],
    ['a state that is not JSON', '{id:', 'malformed-sync-state'],
  ] as const)('rejects %s', (_name, state, code) => {
    expect(errorCode(parseSyncHeaders(headers(state), 4))).toBe(code);
  });

  it('keeps the claimed sync id on a bad sequence, so that sync can fail into a resync', () => {
    const parsed = parseSyncHeaders(headers({ id: 'sync-9', isLast: false, sequence: -3 }), 4);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.syncId).toBe('sync-9');
      expect(parsed.error.messageIndex).toBe(4);
      expect(parsed.error.message).toMatch(/expected an integer from 0 to 10000000/);
    }
  });

  it('accepts the largest sequence, a legacy message without headers, and refuses other strategies', () => {
    expect(errorCode(parseSyncHeaders(headers({ id: 's', isLast: true, sequence: MAX_SYNC_SEQUENCE }), 1))).toBe('ok');
    expect(parseSyncHeaders({}, 1)).toEqual({ ok: true, value: { kind: 'legacy' } });
    expect(errorCode(parseSyncHeaders({ [SyncStrategyHeader]: 'eventual' }, 1))).toBe('unknown-sync-strategy');
  });
});

describe('message bodies', () => {
  it.each([
    ['null', null, 'malformed-body'],
    ['a list', [], 'malformed-body'],
    ['isFullState not boolean', { isFullState: 'yes', apiSessions: [] }, 'malformed-body'],
    ['apiSessions not a list', { isFullState: true, apiSessions: {} }, 'malformed-body'],
    ['a session without token', { isFullState: false, apiSessions: [{ id: 'as-1' }] }, 'malformed-session'],
    ['a session with an empty id', { isFullState: false, apiSessions: [{ id: '', token: 't' }] }, 'malformed-session'],
  ] as const)('ApiSessionAdded refuses %s', (_name, body, code) => {
    expect(errorCode(parseAddedBody(body, 1))).toBe(code);
  });

  it('ApiSessionAdded fills optional fields and drops junk fingerprints', () => {
    const parsed = parseAddedBody(
      { isFullState: false, apiSessions: [{ id: 'as-1', token: 't', certFingerprints: [1, 'fp'] }] },
      1,
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        isFullState: false,
        apiSessions: [{ id: 'as-1', token: 't', identityId: '', certFingerprints: ['fp'] }],
      },
    });
  });

  it('ApiSessionUpdated and ApiSessionRemoved refuse bodies of the wrong shape', () => {
    expect(errorCode(parseUpdatedBody('x', 1))).toBe('malformed-body');
    expect(errorCode(parseUpdatedBody({ apiSessions: [session(1)] }, 1))).toBe('ok');
    expect(errorCode(parseRemovedBody({ tokens: 'token-1' }, 1))).toBe('malformed-body');
    expect(errorCode(parseRemovedBody({ tokens: ['token-1', ''] }, 1))).toBe('malformed-body');
    expect(parseRemovedBody({ tokens: ['token-1'] }, 1)).toEqual({ ok: true, value: { tokens: ['token-1'] } });
  });
});
