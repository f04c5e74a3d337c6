import { VirtualClock } from '../../src/harness/index.js';
import { openStore, resolveStoreDefinition } from '../../src/stores/loadStore.js';
import type { StoreContext } from '../../src/stores/StoreDefinition.js';
import type { StoreUnderTest } from '../../src/stores/StoreUnderTest.js';
import { sessionWithCookie } from '../../src/stores/sessionData.js';

export interface StoreSoakWorkload {
  readonly cycles: number;
  /** New sessions stored each cycle (logins). */
  readonly loginsPerCycle: number;
  /** Of the previous cycle's logins, every `readEvery`-th comes back while its session is live. */
  readonly readEvery: number;
  /** Of the logins whose sessions have just expired, every `lateReadEvery`-th comes back too late. */
  readonly lateReadEvery: number;
  readonly maxAgeSeconds: number;
  /** Virtual time per cycle, a whole number of seconds. */
  readonly cycleMs: number;
}

export const DEFAULT_STORE_SOAK: StoreSoakWorkload = {
  cycles: 50,
  loginsPerCycle: 20,
  readEvery: 2,
  lateReadEvery: 4,
  maxAgeSeconds: 3,
  cycleMs: 1_000,
};

export interface StoreSoakHooks {
  /** Whether to run another cycle after `cyclesDone`, once the workload's own count is reached. */
  readonly more?: (cyclesDone: number) => boolean;
  readonly afterCycle?: (cyclesDone: number) => Promise<void>;
}

/** No promise to wait for: a day, as the `freed` invariant waits. */
const NO_PROMISE_WAIT_MS = 24 * 60 * 60 * 1_000;

export interface StoreSoakResult {
  readonly store: string;
  readonly packageName: string;
  readonly version: string;
  readonly cycles: number;
  readonly sessionsStored: number;
  readonly reads: number;
  /** Sessions that expired during the run, every one of them, read or not. */
  readonly expired: number;
  /** Expired sessions the store still holds once its promise has passed: none for a store that keeps it. */
  readonly deadRetained: readonly string[];
  /** How long after the last cycle the store was given to forget them. */
  readonly waitedMs: number;
  readonly virtualMs: number;
}

/** A soak runs once: its clock is gone after `run()`, `finish()` or `close()`. */
export class StoreSoakFinishedError extends Error {
  constructor(readonly store: string) {
    super(`the soak of ${store} has finished (its fake clock is uninstalled); open a new one with StoreSoak.open()`);
    this.name = 'StoreSoakFinishedError';
  }
}

/**
 * A steady login workload against one store in this process, on a fake clock: logins
 * (`set`), returning users (`get`, most while their session lives, some just after it
 * expired) and expiry (the clock moves; most expired sessions are never read again). Each session's data carries a marker, so a heap snapshot can find
 * the store's copy of a dead session and ask memlab who keeps it.
 */
export class StoreSoak {
  private stored = 0;
  private reads = 0;
  private finished = false;

  private constructor(
    readonly store: StoreUnderTest,
    private readonly clock: VirtualClock,
  ) {}

  static async open(nameOrPath: string, context: StoreContext = {}): Promise<StoreSoak> {
    const definition = await resolveStoreDefinition(nameOrPath, context);
    const clock = new VirtualClock(definition.timers);
    try {
      return new StoreSoak(await openStore(definition, context), clock);
    } catch (error) {
      clock.uninstall();
      throw error;
    }
  }

  /** Ids name the store, so soaks of several stores in one process never share a marker. */
  static sessionId(store: string, cycle: number, login: number): string {
    return `soak-${store.replace(/[^A-Za-z0-9]+/g, '_')}-${cycle}-${login}`;
  }

  /** The text each stored copy of `sid`'s data contains, and no other session's. */
  static markerOf(sid: string): string {
    return `soak-marker:${sid}:`;
  }

  /**
   * Runs the workload, then moves the clock past the store's promise and probes what it
   * still holds. `hooks.more` may ask for cycles past `workload.cycles` (a soak that runs
   * for a duration); `hooks.afterCycle` runs after each (heap samples, progress, a stop).
   */
  async run(workload: StoreSoakWorkload = DEFAULT_STORE_SOAK, hooks: StoreSoakHooks = {}): Promise<StoreSoakResult> {
    if (this.finished) throw new StoreSoakFinishedError(this.store.name);
    const maxAgeMs = workload.maxAgeSeconds * 1_000;
    // Only the cycles still to be read are kept: a list of every login would grow by itself
    // and pass for the store's leak in the heap slope.
    const recent = new Map<number, string[]>();
    // Logins this many cycles back have just expired when their cycle's reads run.
    const expiredCycles = Math.ceil(maxAgeMs / workload.cycleMs);
    let cycle = 0;
    for (; cycle < workload.cycles || (hooks.more?.(cycle) ?? false); cycle++) {
      const logins: string[] = [];
      for (let i = 0; i < workload.loginsPerCycle; i++) {
        const sid = StoreSoak.sessionId(this.store.name, cycle, i);
        const session = sessionWithCookie({ user: `user-${cycle}-${i}`, note: StoreSoak.markerOf(sid) }, maxAgeMs);
        await this.store.set(sid, session);
        this.stored++;
        logins.push(sid);
      }
      await this.readEach(recent.get(cycle - 1) ?? [], workload.readEvery);
      await this.readEach(recent.get(cycle - expiredCycles) ?? [], workload.lateReadEvery);
      recent.set(cycle, logins);
      recent.delete(cycle - expiredCycles);
      this.clock.advance(workload.cycleMs);
      await this.store.elapse(workload.cycleMs);
      await hooks.afterCycle?.(cycle + 1);
    }
    const waitedMs = this.store.promise.forgetsWithinMs ?? NO_PROMISE_WAIT_MS;
    // Judged: what had expired when the workload stopped, given the store's promise to forget it.
    const now = this.clock.now();
    // Cycle c logged in at c cycles in, so its sessions expire maxAge later; ids are rebuilt, not kept.
    const expired: string[] = [];
    for (let c = 0; c < cycle && c * workload.cycleMs + maxAgeMs <= now; c++) {
      for (let i = 0; i < workload.loginsPerCycle; i++) expired.push(StoreSoak.sessionId(this.store.name, c, i));
    }
    this.clock.advance(waitedMs);
    await this.store.elapse(waitedMs);
    const held = new Set(await this.store.retainedSessionIds());
    this.finish();
    return {
      store: this.store.name,
      packageName: this.store.packageName,
      version: this.store.version,
      cycles: cycle,
      sessionsStored: this.stored,
      reads: this.reads,
      expired: expired.length,
      deadRetained: expired.filter((sid) => held.has(sid)),
      waitedMs,
      virtualMs: this.clock.now(),
    };
  }

  private async readEach(sids: readonly string[], every: number): Promise<void> {
    for (const [index, sid] of sids.entries()) {
      if (index % every !== 0) continue;
      await this.store.get(sid);
      this.reads++;
    }
  }

  /**
   * Puts the real clock back (a heap snapshot and memlab need real timers) but keeps the
   * store, and whatever it retains, alive until `close()`.
   */
  finish(): void {
    this.finished = true;
    this.clock.uninstall();
  }

  async close(): Promise<void> {
    this.finish();
    await this.store.close();
  }
}
