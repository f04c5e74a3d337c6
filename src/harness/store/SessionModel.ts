/** What the model knows of one session id. */
interface ModelEntry {
  readonly version: number;
  /** Virtual ms at which it expires: expired once `now >= expiresAt`, as in express-session's MemoryStore. */
  readonly expiresAt: number;
}

/**
 * The live set a correct store must show: sid → data version and expiry. It also keeps
 * how each id that ever held a session died, for the `freed` invariant's messages.
 */
export class SessionModel {
  private readonly entries = new Map<string, ModelEntry>();
  private readonly everStored = new Set<string>();
  private readonly removedBecause = new Map<string, string>();

  clone(): SessionModel {
    const copy = new SessionModel();
    for (const [sid, entry] of this.entries) copy.entries.set(sid, entry);
    for (const sid of this.everStored) copy.everStored.add(sid);
    for (const [sid, why] of this.removedBecause) copy.removedBecause.set(sid, why);
    return copy;
  }

  /** Equal keys, equal live sets and expiries: two orders that led to the same state. */
  key(): string {
    return JSON.stringify([...this.entries].sort(([a], [b]) => a.localeCompare(b)));
  }

  set(sid: string, version: number, now: number, maxAgeMs: number): void {
    this.entries.set(sid, { version, expiresAt: now + maxAgeMs });
    this.everStored.add(sid);
    this.removedBecause.delete(sid);
  }

  /** Extends a live session; a dead one stays dead. Returns whether it was live. */
  touch(sid: string, now: number, maxAgeMs: number): boolean {
    const entry = this.live(sid, now);
    if (entry === undefined) return false;
    this.entries.set(sid, { ...entry, expiresAt: now + maxAgeMs });
    return true;
  }

  destroy(sid: string, now: number): void {
    this.remove(sid, now, `destroyed at ${seconds(now)}`);
  }

  clear(now: number): void {
    for (const sid of [...this.entries.keys()]) this.remove(sid, now, `cleared at ${seconds(now)}`);
  }

  /** Whether `sid` ever held a session, live or not now. */
  everHeld(sid: string): boolean {
    return this.everStored.has(sid);
  }

  live(sid: string, now: number): ModelEntry | undefined {
    const entry = this.entries.get(sid);
    return entry !== undefined && now < entry.expiresAt ? entry : undefined;
  }

  liveIds(now: number): string[] {
    return [...this.entries.keys()].filter((sid) => this.live(sid, now) !== undefined).sort();
  }

  /** Ids that held a session and hold none now, with how each died. */
  deadIds(now: number): Map<string, string> {
    const dead = new Map<string, string>();
    for (const sid of [...this.everStored].sort()) {
      if (this.live(sid, now) !== undefined) continue;
      const entry = this.entries.get(sid);
      dead.set(sid, entry ? `expired at ${seconds(entry.expiresAt)}` : (this.removedBecause.get(sid) ?? 'removed'));
    }
    return dead;
  }

  /** Drops the entry, remembering why it died: `reason` if it was live, its expiry if not. */
  private remove(sid: string, now: number, reason: string): void {
    const entry = this.entries.get(sid);
    if (entry === undefined) return;
    this.removedBecause.set(sid, now < entry.expiresAt ? reason : `expired at ${seconds(entry.expiresAt)}`);
    this.entries.delete(sid);
  }

  /** Why `sid` holds nothing at `now`, for messages. */
  whyAbsent(sid: string, now: number): string {
    return this.deadIds(now).get(sid) ?? 'never stored';
  }
}

export function seconds(ms: number): string {
  return `t=${ms / 1_000}s`;
}
