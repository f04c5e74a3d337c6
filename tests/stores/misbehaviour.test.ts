import { describe, expect, test } from 'vitest';
import type { StoreStep } from '../../src/harness/index.js';
import { runStoreSteps } from './support/storeCase.js';

// A store that breaks the callback contract is a finding named in the verdict, never a
// crash of the harness: the case ends with a violation like any other.

const STORE = './tests/stores/fixtures/misbehavingStore.ts';

async function verdictOf(steps: StoreStep[]): Promise<string | undefined> {
  return (await runStoreSteps(STORE, steps, 'conformance', {}, { callbackTimeoutMs: 100 })).violation;
}

describe('a store that misbehaves', () => {
  test('a callback called twice', async () => {
    expect(await verdictOf([{ op: 'set', sid: 1, maxAgeSeconds: 5 }])).toBe(
      'set(sid-1) misbehaved (called back twice): again with success',
    );
  });

  test('a throw after calling back', async () => {
    expect(await verdictOf([{ op: 'destroy', sid: 1 }])).toBe(
      'destroy(sid-1) misbehaved (threw after calling back): Error: cleanup failed',
    );
  });

  test('an unhandled rejection: the promise a method returns rejects, and express-session never awaits it', async () => {
    expect(await verdictOf([{ op: 'touch', sid: 1, maxAgeSeconds: 5 }])).toBe(
      'touch(sid-1) misbehaved (unhandled rejection): the promise it returned rejected with Error: touch query failed after it had called back, and express-session never awaits it',
    );
  });

  test('a callback never called, after the stated timeout', async () => {
    expect(await verdictOf([{ op: 'get', sid: 2 }])).toBe(
      'get sid-2 failed: store ./tests/stores/fixtures/misbehavingStore.ts: get(sid-2) did not call back within 100 ms; get(sid-2) misbehaved (never called back): no callback within 100 ms',
    );
  });

  test('the same calls on a session it treats well are no finding', async () => {
    expect(
      await verdictOf([
        { op: 'set', sid: 0, maxAgeSeconds: 5 },
        { op: 'touch', sid: 0, maxAgeSeconds: 5 },
        { op: 'get', sid: 0 },
        { op: 'destroy', sid: 0 },
      ]),
    ).toBeUndefined();
  });
});
