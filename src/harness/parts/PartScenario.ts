import type { ModelScenario, TraceState } from '../engine/ModelSystem.js';

/**
 * One case of a router part run beside its model. A step acts on both and notes where
 * their answers differ; the part's invariant then compares what both hold. A part has no
 * work of its own once a step returns, so there is nothing to drain.
 */
export abstract class PartScenario implements ModelScenario {
  /** Behaviours the case reached, by name, for the coverage targets. */
  readonly reached = new Set<string>();
  private answerDifference: string | undefined;

  beginEntry(): void {}

  drainStep(): undefined {
    return undefined;
  }

  drainExhausted(): boolean {
    return false;
  }

  abstract state(): TraceState;

  coverage(): ReadonlySet<string> {
    return this.reached;
  }

  dispose(): void {}

  /** Notes that the part answered a step otherwise than its model; the first note of a step counts. */
  answerDiffers(message: string): void {
    this.answerDifference ??= message;
  }

  /** The difference noted during the last step, if any; the next step starts clean. */
  takeAnswerDifference(): string | undefined {
    const message = this.answerDifference;
    this.answerDifference = undefined;
    return message;
  }
}
