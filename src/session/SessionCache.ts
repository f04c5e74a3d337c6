import type { ApiSession } from './messages.js';

/** Stamps are 32-bit; past this, every stamp is cleared once and counting starts over. */
const LAST_STAMP = 0xffff_ffff;

/**
 * The cached sessions by token, each in a slot with the stamp of the last sync that
 * listed it. A sync marks what it lists and sweeps what it did not, so removing what is
 * missing needs no set of every token: the stamps live in one typed array, 4 bytes a
 * session, and the sweep allocates nothing. Iteration follows the order in which tokens
 * were first cached, as a Map's does; putting a token back keeps its place.
 */
export class SessionCache {
  private readonly slotOf = new Map<string, number>();
  private readonly sessions: (ApiSession | undefined)[] = [];
  private stamps = new Uint32Array(16);
  private readonly freeSlots: number[] = [];
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
    const fresh = this.freeSlots.pop() ?? this.sessions.length;
    if (fresh >= this.stamps.length) this.growStamps(fresh + 1);
    this.sessions[fresh] = session;
    this.stamps[fresh] = this.sweeping;
    this.slotOf.set(session.token, fresh);
    return undefined;
  }

  /** Forgets `token`; the session it held, if any. */
  delete(token: string): ApiSession | undefined {
    const slot = this.slotOf.get(token);
    if (slot === undefined) return undefined;
    const session = this.sessions[slot];
    this.slotOf.delete(token);
    this.sessions[slot] = undefined;
    this.freeSlots.push(slot);
    return session;
  }

  values(): ApiSession[] {
    const values: ApiSession[] = [];
    for (const slot of this.slotOf.values()) {
      const session = this.sessions[slot];
      if (session !== undefined) values.push(session);
    }
    return values;
  }

  /** A new stamp, and every session of `listed` that is cached marked with it. */
  mark(listed: readonly ApiSession[]): number {
    if (this.stamp === LAST_STAMP) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    for (const session of listed) {
      const slot = this.slotOf.get(session.token);
      if (slot !== undefined) this.stamps[slot] = stamp;
    }
    return stamp;
  }

  /**
   * Calls `visit` with every cached session not marked with `stamp`, in cache order. The
   * visitor may delete the session it is given (or any other); sessions put during the
   * sweep are not visited.
   */
  sweep(stamp: number, visit: (token: string, session: ApiSession) => void): void {
    this.sweeping = stamp;
    try {
      for (const [token, slot] of this.slotOf) {
        if (this.stamps[slot] === stamp) continue;
        const session = this.sessions[slot];
        if (session !== undefined) visit(token, session);
      }
    } finally {
      this.sweeping = 0;
    }
  }

  private growStamps(needed: number): void {
    let length = this.stamps.length;
    while (length < needed) length *= 2;
    const grown = new Uint32Array(length);
    grown.set(this.stamps);
    this.stamps = grown;
  }
}
