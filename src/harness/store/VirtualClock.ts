import FakeTimers, { type Clock } from '@sinonjs/fake-timers';

/** Where virtual time starts: a fixed instant, so every run sees the same dates. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2025, 0, 1);

/**
 * Virtual time for one case. `Date` is always faked; `setTimeout`/`setInterval` only
 * for in-process stores, whose timers (memorystore's prune) must run on virtual time.
 * A store that talks to a server keeps real timers (its client's connect and command
 * timeouts). `setImmediate` stays real: stores call back through it.
 */
export class VirtualClock {
  private readonly clock: Clock;
  private installed = true;

  constructor(timers: 'in-process' | 'real') {
    this.clock = FakeTimers.withGlobal(globalThis).install({
      now: VIRTUAL_EPOCH_MS,
      toFake:
        timers === 'in-process' ? ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] : ['Date'],
      loopLimit: 100_000,
    });
  }

  /** Virtual ms since the case began. */
  now(): number {
    return this.clock.now - VIRTUAL_EPOCH_MS;
  }

  /** Moves the clock by `ms`, running every faked timer that falls due on the way. */
  advance(ms: number): void {
    this.clock.tick(ms);
  }

  /** Safe to call twice; every case must end with it, however it ends. */
  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    this.clock.uninstall();
  }
}
