/** One piece of work timed again and again; `prepare` builds what one timed run consumes. */
export interface TimedWork {
  readonly name: string;
  /** Untimed, right before each timed run. */
  readonly prepare?: () => void;
  /** Timed. How many units of work one run does is the figure's business, not the timer's. */
  readonly run: () => void | Promise<void>;
  /** `run` returns a promise: tinybench awaits it inside the timed window. */
  readonly async?: boolean;
  /**
   * How many times `run` repeats the figure's unit of work (1 unless said). A sample is
   * one run's time over this, so a figure whose unit is too short to time alone reads the
   * same whatever the repeat.
   */
  readonly repeats?: number;
}

/**
 * Per-run values keyed by work name, one entry per round: CPU ms for timed works, or a
 * count (bytes per session, steps per run) that a figure needs. Plain JSON, so a child
 * process can measure and its parent judge.
 */
export type Samples = Readonly<Record<string, readonly number[]>>;

/** Builds on first use and keeps the result. */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
