import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/engine/budget.js';
import type { SyncState } from '../src/session/messages.js';
import type { ProtocolErrorCode } from '../src/session/ProtocolError.js';
import { type GateVerdict, SyncChunkGate } from '../src/session/SyncChunkGate.js';

// The router's chunk gate on its own. The whole-router properties reach it only through
// the handler, and the tracker behind it refuses most bad chunks again, so a gate that
// lets one through goes unseen there; their sync ids also all sort above any text a
// mutant puts in place of ''. Here every verdict and answer of the gate is compared with
// a model that keeps the list of chunks it let through.

/** Sync ids as the parser lets them through: never empty; digits and uppercase sort before lowercase. */
const syncIdArb = fc.string({
  unit: fc.constantFrom('0', '7', 'A', 'R', 'S', 'T', 'Z', 'a', 's', 't', 'z', '-', '~'),
  minLength: 1,
  maxLength: 3,
});

type GateStep =
  | { readonly op: 'admit'; readonly idIndex: number; readonly sequence: number; readonly isLast: boolean }
  | { readonly op: 'close'; readonly idIndex: number }
  | { readonly op: 'reset' }
  /** Asks about any id, in the case's few or not: the router asks about whatever a message claims. */
  | { readonly op: 'relationOf'; readonly id: string }
  | { readonly op: 'admitsFailureOf'; readonly id: string };

// Few ids per case, so a sequence keeps returning to the same syncs: duplicates, second
// lasts and chunks past the last need two chunks of one sync.
const MAX_IDS = 4;
const idIndexArb = fc.nat(MAX_IDS - 1);

const gateStepArb: fc.Arbitrary<GateStep> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('admit'),
      idIndex: idIndexArb,
      sequence: fc.nat(6),
      isLast: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('close'), idIndex: idIndexArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reset') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('relationOf'), id: syncIdArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('admitsFailureOf'), id: syncIdArb }) },
);

const gateCaseArb = fc.record({
  ids: fc.uniqueArray(syncIdArb, { minLength: 1, maxLength: MAX_IDS }),
  steps: fc.array(gateStepArb, { maxLength: 40, size: 'max' }),
});

/** A verdict without its text, which the router only logs. */
type ExpectedVerdict =
  | { readonly kind: 'first-chunk' | 'next-chunk' | 'stale' }
  | { readonly kind: 'error'; readonly code: ProtocolErrorCode; readonly poisons: boolean };

/** Code-unit order, the order the router gives its fixed-width ids. */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The gate as a list: the sync opened last, whether it ended, and the chunks of it let
 * through. Every verdict is read off that list rather than off running counters.
 */
class GateModel {
  private openSync: string | undefined;
  private ended = false;
  private admitted: SyncState[] = [];

  relationOf(id: string): 'current' | 'older' | 'closed' | 'newer' {
    if (this.openSync === undefined || compareIds(id, this.openSync) > 0) return 'newer';
    if (compareIds(id, this.openSync) < 0) return 'older';
    return this.ended ? 'closed' : 'current';
  }

  admitsFailureOf(id: string): boolean {
    const relation = this.relationOf(id);
    return relation === 'newer' || relation === 'current';
  }

  admit(chunk: SyncState): ExpectedVerdict {
    const relation = this.relationOf(chunk.id);
    if (relation === 'newer') {
      this.openSync = chunk.id;
      this.ended = false;
      this.admitted = [chunk];
      return { kind: 'first-chunk' };
    }
    if (relation !== 'current') return { kind: 'stale' };
    if (this.admitted.some((c) => c.sequence === chunk.sequence)) {
      return { kind: 'error', code: 'duplicate-chunk', poisons: false };
    }
    const last = this.admitted.find((c) => c.isLast);
    if (chunk.isLast && last !== undefined) return { kind: 'error', code: 'second-last-chunk', poisons: true };
    const pastLast = last !== undefined && chunk.sequence > last.sequence;
    const lastBelowOthers = chunk.isLast && this.admitted.some((c) => c.sequence > chunk.sequence);
    if (pastLast || lastBelowOthers) return { kind: 'error', code: 'chunk-after-last', poisons: true };
    this.admitted.push(chunk);
    return { kind: 'next-chunk' };
  }

  close(id: string): void {
    const relation = this.relationOf(id);
    if (relation === 'older') return;
    if (relation === 'newer') {
      this.openSync = id;
      this.admitted = [];
    }
    this.ended = true;
  }

  reset(): void {
    this.openSync = undefined;
    this.ended = false;
    this.admitted = [];
  }
}

function sameVerdict(verdict: GateVerdict, expected: ExpectedVerdict): boolean {
  if (verdict.kind !== 'error' || expected.kind !== 'error') return verdict.kind === expected.kind;
  return verdict.code === expected.code && verdict.poisons === expected.poisons;
}

/** Where `id` stands, by both of the gate's questions, against the model's answers. */
function expectSameStanding(gate: SyncChunkGate, model: GateModel, id: string): void {
  const relation = gate.relationOf(id);
  const admitsFailure = gate.admitsFailureOf(id);
  if (relation === model.relationOf(id) && admitsFailure === model.admitsFailureOf(id)) return;
  expect({ id, relation, admitsFailure }).toEqual({
    id,
    relation: model.relationOf(id),
    admitsFailure: model.admitsFailureOf(id),
  });
}

function withoutText(verdict: GateVerdict): ExpectedVerdict {
  return verdict.kind === 'error' ? { kind: 'error', code: verdict.code, poisons: verdict.poisons } : verdict;
}

/** A verdict by kind, an error by its code. */
type VerdictName = ExpectedVerdict['kind'] | ProtocolErrorCode;

/** Every verdict the gate gives: a generator that stopped reaching one would let its mutants live. */
const EVERY_VERDICT: readonly VerdictName[] = [
  'first-chunk',
  'next-chunk',
  'stale',
  'duplicate-chunk',
  'second-last-chunk',
  'chunk-after-last',
];

function pick(ids: readonly string[], index: number): string {
  const id = ids[index % ids.length];
  if (id === undefined) throw new Error('a gate case has at least one sync id');
  return id;
}

test('gate: every verdict and answer of the chunk gate is what the list of admitted chunks says', () => {
  const seen = new Map<VerdictName, number>();
  fc.assert(
    fc.property(gateCaseArb, ({ ids, steps }) => {
      const gate = new SyncChunkGate();
      const model = new GateModel();
      const idAt = (index: number): string => pick(ids, index);
      for (const step of steps) {
        switch (step.op) {
          case 'admit': {
            const chunk: SyncState = { id: idAt(step.idIndex), sequence: step.sequence, isLast: step.isLast };
            const expected = model.admit(chunk);
            const verdict = gate.admit(chunk);
            // Compared by hand first: an expect on every step would cost more than the gate does.
            if (!sameVerdict(verdict, expected)) {
              expect({ chunk, verdict: withoutText(verdict) }).toEqual({ chunk, verdict: expected });
            }
            if (verdict.kind === 'error' && !verdict.detail.includes(`sync ${chunk.id} `)) {
              expect.fail(`the detail "${verdict.detail}" does not name sync ${chunk.id}`);
            }
            const name = verdict.kind === 'error' ? verdict.code : verdict.kind;
            seen.set(name, (seen.get(name) ?? 0) + 1);
            break;
          }
          case 'close':
            gate.close(idAt(step.idIndex));
            model.close(idAt(step.idIndex));
            break;
          case 'reset':
            gate.reset();
            model.reset();
            break;
          case 'relationOf':
            expect({ id: step.id, relation: gate.relationOf(step.id) }).toEqual({
              id: step.id,
              relation: model.relationOf(step.id),
            });
            break;
          case 'admitsFailureOf':
            expect({ id: step.id, admitsFailure: gate.admitsFailureOf(step.id) }).toEqual({
              id: step.id,
              admitsFailure: model.admitsFailureOf(step.id),
            });
            break;
        }
        // Between steps, where every id of the case stands: the handler asks before each chunk.
        for (const id of ids) expectSameStanding(gate, model, id);
      }
    }),
    { seed: seedFromEnvironment(), numRuns: 3 * runsFromEnvironment() },
  );
  for (const name of EVERY_VERDICT) expect(seen.get(name) ?? 0, name).toBeGreaterThan(0);
});

test('gate: a gate that opened no sync, or was reset, takes any non-empty id as newer', () => {
  fc.assert(
    fc.property(syncIdArb, syncIdArb, fc.nat(6), fc.boolean(), (earlier, id, sequence, isLast) => {
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
