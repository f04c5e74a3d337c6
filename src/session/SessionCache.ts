import type { ApiSession } from './messages.js';

/** Stamps are 32-bit; past this, every stamp is cleared once and counting starts over. */
const LAST_STAMP = 0xffff_ffff;
/** In a free slot's stamp: no free slot after this one. */
const NO_FREE_SLOT = 0xffff_ffff;
/** How far past the cursor `mark` looks for the listed session before it hashes the token. */
const LOOKAHEAD = 4;

/**
 * The cached sessions by token, each in a slot with the stamp of the last sync that
 * listed it. A sync marks what it lists and sweeps what it did not, so removing what is
 * missing needs no set of every token: the stamps live in one typed array, 4 bytes a
 * session, and neither pass allocates. Iteration follows the order in which tokens were
 * first cached, as a Map's does; putting a token back keeps its place.
 */
export class SessionCache {
  private readonly slotOf = new Map<string, number>();
  private readonly sessions: (ApiSession | undefined)[] = [];
  /** A cached slot's stamp; a free slot's holds the next free slot, so freeing allocates nothing. */
  private stamps = new Uint32Array(16);
  private firstFree = NO_FREE_SLOT;
  private stamp = 0;
  /** The stamp of the sweep in progress, if any: what is put meanwhile is not swept. */
  private sweeping = 0;

  get size(): number {
    return this.slotOf.size;
  }

  get(token: string): ApiSession | undefined {
    const slot = this.slotOf.get(token);
    return slot === undefined ? undefined : this.sessions[slot];
  }

  /** Caches `session` under its token; the session it replaces, if any. */
  put(session: ApiSession): ApiSession | undefined {
    const slot = this.slotOf.get(session.token);
    if (slot !== undefined) {
      const replaced = this.sessions[slot];
      this.sessions[slot] = session;
      return replaced;
    }
    const fresh = this.takeFreeSlot();
    this.sessions[fresh] = session;
    this.stamps[fresh] = this.sweeping;
    this.slotOf.set(session.token, fresh);
    return undefined;
  }

  /** Forgets `token`; the session it held, if any. */
  delete(token: string): ApiSession | undefined {
    const slot = this.slotOf.get(token);
    return slot === undefined ? undefined : this.free(token, slot);
  }

  /** Forgets `token`, which the sweep has just given its visitor in `slot`: one lookup fewer than `delete`. */
  deleteSwept(token: string, slot: number): ApiSession | undefined {
    return this.sessions[slot] === undefined ? undefined : this.free(token, slot);
  }

  values(): ApiSession[] {
    const values: ApiSession[] = [];
    for (const slot of this.slotOf.values()) {
      const session = this.sessions[slot];
      if (session !== undefined) values.push(session);
    }
    return values;
  }

  /**
   * A new stamp, and every cached session whose token `listed` holds marked with it. A
   * sync lists its sessions in the order it cached them, the very objects, so the slot
   * after the last one marked (or one a few further on) is usually the next listed:
   * that is checked first, and the token hashed only when it is not there.
   */
  mark(listed: readonly ApiSession[]): number {
    if (this.stamp === LAST_STAMP) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const { sessions, stamps } = this;
    let cursor = 0;
    for (const session of listed) {
      let slot = -1;
      const end = Math.min(cursor + LOOKAHEAD, sessions.length);
      for (let probe = cursor; probe < end; probe++) {
        if (sessions[probe] === session) {
          slot = probe;
          break;
        }
      }
      if (slot < 0) slot = this.slotOf.get(session.token) ?? -1;
      if (slot < 0) continue;
      stamps[slot] = stamp;
      cursor = slot + 1;
    }
    return stamp;
  }

  /**
   * Calls `visit` with every cached session not marked with `stamp`, in cache order. The
   * visitor may delete the session it is given (or any other); sessions put during the
   * sweep are not visited.
   */
  sweep(stamp: number, visit: (token: string, session: ApiSession, slot: number) => void): void {
    this.sweeping = stamp;
    try {
      // forEach rather than for-of: no [token, slot] pair per entry.
      this.slotOf.forEach((slot, token) => {
        if (this.stamps[slot] === stamp) return;
        const session = this.sessions[slot];
        if (session !== undefined) visit(token, session, slot);
      });
    } finally {
      this.sweeping = 0;
    }
  }

  private free(token: string, slot: number): ApiSession | undefined {
    const session = this.sessions[slot];
    this.slotOf.delete(token);
    this.sessions[slot] = undefined;
    this.stamps[slot] = this.firstFree;
    this.firstFree = slot;
    return session;
  }

  private takeFreeSlot(): number {
    if (this.firstFree !== NO_FREE_SLOT) {
      const slot = this.firstFree;
      this.firstFree = this.stamps[slot] ?? NO_FREE_SLOT;
      return slot;
    }
    const slot = this.sessions.length;
    if (slot >= this.stamps.length) {
      const grown = new Uint32Array(this.stamps.length * 2);
      grown.set(this.stamps);
      this.stamps = grown;
    }
    return slot;
  }
}
