import type { Runtime, TaskLabel, TimerHandle } from './Runtime.js';

/** Node's own timers and immediates; what the soak and the demo run on. */
export class RealRuntime implements Runtime {
  private readonly epoch = performance.now();
  private readonly timers = new Set<NodeJS.Timeout>();

  now(): number {
    return performance.now() - this.epoch;
  }

  spawn(_label: TaskLabel, task: () => void): void {
    setImmediate(task);
  }

  setTimer(_label: string, delayMs: number, callback: () => void): TimerHandle {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, delayMs);
    this.timers.add(timer);
    return {
      cancel: () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      },
    };
  }

  /** Timers not yet fired or cancelled; lets a caller wait for quiescence. */
  pendingTimers(): number {
    return this.timers.size;
  }
}
