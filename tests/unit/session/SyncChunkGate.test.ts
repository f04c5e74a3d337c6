import { describe, expect, it } from 'vitest';
import { SyncChunkGate } from '../../../src/session/SyncChunkGate.js';

const state = (id: string, sequence: number, isLast = false) => ({ id, sequence, isLast });

describe('SyncChunkGate', () => {
  it('opens a sync on its first chunk and admits the rest in any order', () => {
    const gate = new SyncChunkGate();
    expect(gate.admit(state('sync-1', 2, true))).toEqual({ kind: 'first-chunk' });
    expect(gate.admit(state('sync-1', 0))).toEqual({ kind: 'next-chunk' });
    expect(gate.admit(state('sync-1', 1))).toEqual({ kind: 'next-chunk' });
  });

  it('calls an older sync stale and a newer one a fresh start', () => {
    const gate = new SyncChunkGate();
    gate.admit(state('sync-2', 0));
    expect(gate.admit(state('sync-1', 1)).kind).toBe('stale');
    expect(gate.admit(state('sync-3', 0)).kind).toBe('first-chunk');
  });

  it('refuses a duplicate without poisoning the sync', () => {
    const gate = new SyncChunkGate();
    gate.admit(state('sync-1', 0));
    expect(gate.admit(state('sync-1', 0))).toMatchObject({ kind: 'error', code: 'duplicate-chunk', poisons: false });
  });

  it('poisons a sync with two last chunks or a chunk past the last', () => {
    const gate = new SyncChunkGate();
    gate.admit(state('sync-1', 0));
    gate.admit(state('sync-1', 1, true));
    expect(gate.admit(state('sync-1', 2, true))).toMatchObject({ code: 'second-last-chunk', poisons: true });
    expect(gate.admit(state('sync-1', 3))).toMatchObject({ code: 'chunk-after-last', poisons: true });
    const other = new SyncChunkGate();
    other.admit(state('sync-1', 5));
    expect(other.admit(state('sync-1', 2, true))).toMatchObject({ code: 'chunk-after-last', poisons: true });
  });

  it('after close, calls that sync stale and admits no failure of it', () => {
    const gate = new SyncChunkGate();
    gate.admit(state('sync-1', 0));
    expect(gate.admitsFailureOf('sync-1')).toBe(true);
    gate.close('sync-1');
    expect(gate.admit(state('sync-1', 1)).kind).toBe('stale');
    expect(gate.admitsFailureOf('sync-1')).toBe(false);
    expect(gate.admitsFailureOf('sync-0')).toBe(false);
    expect(gate.admitsFailureOf('sync-2')).toBe(true);
  });

  it('reset forgets the ids: a new connection may start lower', () => {
    const gate = new SyncChunkGate();
    gate.admit(state('sync-5', 0));
    gate.reset();
    expect(gate.admit(state('sync-1', 0)).kind).toBe('first-chunk');
  });
});
