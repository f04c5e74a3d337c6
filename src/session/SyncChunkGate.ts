import type { SyncState } from './messages.js';
import type { ProtocolErrorCode } from './ProtocolError.js';

export type GateVerdict =
  | { readonly kind: 'first-chunk' }
  | { readonly kind: 'next-chunk' }
  /** A chunk of an older or already finished sync: harmless, ignored. */
  | { readonly kind: 'stale' }
  /** Broken; `poisons` when the sync it belongs to cannot complete correctly any more. */
  | { readonly kind: 'error'; readonly code: GateErrorCode; readonly detail: string; readonly poisons: boolean };

/** The codes the gate refuses a chunk with. */
export type GateErrorCode = Extract<ProtocolErrorCode, 'duplicate-chunk' | 'second-last-chunk' | 'chunk-after-last'>;

/**
 * Judges each full-state chunk in message order, before its sessions touch the
 * cache: a duplicate or late chunk may carry sessions ended since, and adding them
 * would bring those sessions back.
 */
export class SyncChunkGate {
  private syncId = '';
  // Stryker disable next-line BooleanLiteral: equivalent, the first id opens the gate, which resets it
  private closed = false;
  private readonly sequencesSeen = new Set<number>();
  private lastSequence: number | undefined;
  // Stryker disable next-line UnaryOperator: equivalent, as above
  private highestSequence = -1;

  // Sync ids are never empty (the parser refuses one), so any id is newer than the '' of a
  // gate that has opened none.
  admit(state: SyncState): GateVerdict {
    if (state.id > this.syncId) {
      this.open(state.id);
      this.record(state);
      return { kind: 'first-chunk' };
    }
    if (state.id < this.syncId || this.closed) return { kind: 'stale' };
    const seq = state.sequence;
    if (this.sequencesSeen.has(seq)) {
      return {
        kind: 'error',
        code: 'duplicate-chunk',
        detail: `sync ${state.id} sent chunk ${seq} twice`,
        poisons: false,
      };
    }
    if (state.isLast && this.lastSequence !== undefined) {
      return {
        kind: 'error',
        code: 'second-last-chunk',
        detail: `sync ${state.id} marked chunks ${this.lastSequence} and ${seq} as last`,
        poisons: true,
      };
    }
    if ((this.lastSequence !== undefined && seq > this.lastSequence) || (state.isLast && seq < this.highestSequence)) {
      return {
        kind: 'error',
        code: 'chunk-after-last',
        detail: `sync ${state.id} sent chunk ${Math.max(seq, this.highestSequence)} past its last chunk`,
        poisons: true,
      };
    }
    this.record(state);
    return { kind: 'next-chunk' };
  }

  /** Where `syncId` stands against the sync last opened, before its chunk is admitted. */
  relationOf(syncId: string): 'current' | 'older' | 'closed' | 'newer' {
    if (syncId > this.syncId) return 'newer';
    if (syncId < this.syncId) return 'older';
    return this.closed ? 'closed' : 'current';
  }

  /** Whether a broken chunk claiming `syncId` concerns a sync that can still complete. */
  admitsFailureOf(syncId: string): boolean {
    return syncId > this.syncId || (syncId === this.syncId && !this.closed);
  }

  /** The sync ended (applied, failed, poisoned): later chunks of it are stale. */
  close(syncId: string): void {
    if (syncId > this.syncId) this.open(syncId);
    if (syncId === this.syncId) {
      this.closed = true;
      this.sequencesSeen.clear();
    }
  }

  /** Forget everything; a new connection may come from a controller with other ids. */
  reset(): void {
    this.syncId = '';
    this.closed = false;
    this.sequencesSeen.clear();
    this.lastSequence = undefined;
    // Stryker disable next-line UnaryOperator: equivalent for the sequences the parser lets through (0 and up): the first chunk recorded sets it
    this.highestSequence = -1;
  }

  private open(syncId: string): void {
    this.reset();
    this.syncId = syncId;
  }

  private record(state: SyncState): void {
    this.sequencesSeen.add(state.sequence);
    if (state.isLast) this.lastSequence = state.sequence;
    if (state.sequence > this.highestSequence) this.highestSequence = state.sequence;
  }
}
