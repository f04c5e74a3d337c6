/**
 * An `elapse` for a store whose expiry sweep runs on a timer the harness cannot fake (its
 * client needs real timers): the harness runs the sweep itself whenever virtual time
 * crosses a multiple of the period, as the timer would have. `Date.now()` is the virtual
 * clock's by the time `elapse` is called, which is after the clock moved.
 */
export function sweepOnPeriods(periodMs: number, sweep: () => Promise<void>): (ms: number) => Promise<void> {
  return async (ms) => {
    const now = Date.now();
    if (Math.floor(now / periodMs) > Math.floor((now - ms) / periodMs)) await sweep();
  };
}
