import type { SyncState } from '../../../session/messages.js';
import type { ProtocolErrorCode } from '../../../session/ProtocolError.js';

/** A verdict without its text, which the router only logs. */
export type ExpectedVerdict =
  | { readonly kind: 'first-chunk' | 'next-chunk' | 'stale' }
  | { readonly kind: 'error'; readonly code: ProtocolErrorCode; readonly poisons: boolean };

/** A verdict by kind, an error by its code. */
export type VerdictName = ExpectedVerdict['kind'] | ProtocolErrorCode;

/** Code-unit order, the order the router gives its fixed-width ids. */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The gate as a list: the sync opened last, whether it ended, and the chunks of it let
 * through. Every verdict is read off that list rather than off running counters.
 */
export class GateModel {
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
