import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  coverageRows,
  gateSystem,
  runsFromEnvironment,
  seedFromEnvironment,
  syncIdArbitrary,
} from '../src/harness/index.js';
import { SyncChunkGate } from '../src/session/SyncChunkGate.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`gate: ${gateSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(gateSystem, 'model', 'fixed', 3 * runsFromEnvironment());
  expect(result.runsExecuted).toBe(result.runsRequested);
  // Every verdict reached: a generator that stopped reaching one would let its mutants live.
  const missed = coverageRows(result.coverage, gateSystem.coverageTargets).filter((row) => row.hits === 0);
  expect(missed.map((row) => row.event)).toEqual([]);
});

test('gate: a gate that opened no sync, or was reset, takes any non-empty id as newer', () => {
  fc.assert(
    fc.property(syncIdArbitrary, syncIdArbitrary, fc.nat(6), fc.boolean(), (earlier, id, sequence, isLast) => {
      const fresh = new SyncChunkGate();
      expect([fresh.relationOf(id), fresh.admitsFailureOf(id)]).toEqual(['newer', true]);
      expect(fresh.admit({ id, sequence, isLast })).toEqual({ kind: 'first-chunk' });
      const reset = new SyncChunkGate();
      reset.admit({ id: earlier, sequence: 0, isLast: false });
      reset.close(earlier);
      reset.reset();
      expect([reset.relationOf(id), reset.admitsFailureOf(id)]).toEqual(['newer', true]);
      expect(reset.admit({ id, sequence, isLast })).toEqual({ kind: 'first-chunk' });
    }),
    { seed: seedFromEnvironment(), numRuns: runsFromEnvironment() },
  );
});
