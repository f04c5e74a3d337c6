import { describeHostileStep, describeMutateStep, type HostileStep, type MutateStep } from './hostile/hostileSteps.js';

/**
 * One step of a generated schedule, as plain data: a counterexample is a list of
 * these, written to a file and read back to replay the same run.
 */
export type Step =
  /** The controller creates sessions; each goes out as a live add. */
  | { readonly op: 'create'; readonly count: number }
  /** The controller updates the live session at `pick` (modulo the live count). */
  | { readonly op: 'update'; readonly pick: number }
  /** The controller ends the live session at `pick` (modulo the live count). */
  | { readonly op: 'end'; readonly pick: number }
  /** The controller starts a new full sync, as on a RequestClientReSync. */
  | { readonly op: 'resync' }
  /** Run the runnable task or due timer at `pick` (modulo how many are runnable). */
  | { readonly op: 'run'; readonly pick: number }
  /** Move the virtual clock forward; due ticks and deadlines become runnable. */
  | { readonly op: 'advance'; readonly ms: number }
  /** Close the control channel; in-flight messages are lost. */
  | { readonly op: 'close' }
  /** Reconnect after a close; the controller starts a fresh full sync. */
  | { readonly op: 'reconnect' }
  /** Put adversarial input on the wire to the router. */
  | { readonly op: 'inject'; readonly kind: InjectKind; readonly pick: number }
  | HostileStep
  | MutateStep;

export const INJECT_KINDS = [
  'duplicate-chunk',
  'late-chunk',
  'chunk-past-last',
  'second-last-chunk',
  'bad-sequence',
  'missing-sync-id',
  'malformed-body',
  'unknown-content-type',
] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

/** What decides a run besides its steps. */
export interface ScenarioParams {
  readonly chunkSize: number;
  readonly initialSessions: number;
  readonly tickIntervalMs: number;
  readonly deadlineMs: number;
}

export function describeStep(step: Step): string {
  switch (step.op) {
    case 'create':
      return `controller creates ${step.count} session(s)`;
    case 'update':
      return `controller updates live session #${step.pick}`;
    case 'end':
      return `controller ends live session #${step.pick}`;
    case 'resync':
      return 'controller starts a full sync';
    case 'run':
      return `run runnable #${step.pick}`;
    case 'advance':
      return `advance clock ${step.ms} ms`;
    case 'close':
      return 'close channel';
    case 'reconnect':
      return 'reconnect channel';
    case 'inject':
      return `inject ${step.kind} (#${step.pick})`;
    case 'hostile':
      return describeHostileStep(step);
    case 'mutate':
      return describeMutateStep(step);
  }
}
