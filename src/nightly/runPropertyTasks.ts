import { relative } from 'node:path';
import { systemNamed } from '../harness/index.js';
import { type CheckedProperty, type CheckRun, checkProperties } from '../jobs/checkProperties.js';
import type { PropertyOutcome } from '../reports/NightlySummary.js';
import type { PropertyTask } from './NightlyPlan.js';

export interface PropertyRunContext {
  /** Where counterexamples go (the night's own folder). */
  readonly counterexampleDir: string;
  /** Paths in the summary are relative to this (the reports root). */
  readonly reportsRoot: string;
  readonly shareMs: number;
  /** A `performance.now()` time no check runs past. */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
  /** Each outcome as its check ends, so a night that stops waiting keeps what finished. */
  readonly onOutcome?: (outcome: PropertyOutcome) => void;
}

/**
 * Runs the checks in order: the router's catches first (each stops at its first failure),
 * then the time-boxed checks, which split what is left of the share evenly among those
 * still to run, so a check that finishes early gives its time to the rest; the store checks
 * (real I/O, thousands of cases for some) last, each with a fair part of what is left.
 */
export async function runPropertyTasks(tasks: readonly PropertyTask[], context: PropertyRunContext): Promise<CheckRun> {
  const rank = (task: PropertyTask) => (task.timeBoxed ? 1 : task.system === 'router' ? 0 : 2);
  const ordered = [0, 1, 2].flatMap((r) => tasks.filter((task) => rank(task) === r));
  const checks = ordered.map((task) => {
    const system = systemNamed(task.system);
    if (system === undefined) throw new Error(`no system "${task.system}"`);
    return { ...task, system };
  });
  return checkProperties(checks, {
    counterexampleDir: context.counterexampleDir,
    timeBoxMs: context.shareMs,
    ...(context.deadline !== undefined ? { deadline: context.deadline } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    log: (line) => context.log(`properties: ${line}`),
    report: (line) => context.log(`properties: ${line}`),
    onChecked: (checked) => context.onOutcome?.(propertyOutcome(checked, context.reportsRoot)),
  });
}

/** A check as the night's summary keeps it. */
function propertyOutcome(
  { check, result, outcome, headline, file }: CheckedProperty,
  reportsRoot: string,
): PropertyOutcome {
  const counterexample = file !== undefined ? relative(reportsRoot, file).replaceAll('\\', '/') : undefined;
  return {
    system: check.system.name,
    target: check.target,
    property: check.property,
    expect: check.expect ?? 'holds',
    seed: check.seed,
    runsRequested: check.runs,
    runs: result.runsExecuted,
    durationMs: Math.round(result.durationMs),
    // A fault the time limit kept from showing is no verdict on the code.
    verdict: outcome === 'inconclusive' ? 'inconclusive' : result.verdict,
    ...(counterexample !== undefined ? { counterexample } : {}),
    message: headline,
  };
}

/** The label a check goes by when it is left out. */
export function propertyTaskLabel(task: Pick<PropertyTask, 'property' | 'target' | 'expect'>): string {
  return `${task.property} against ${task.target}${task.expect === 'caught' ? ' (must be found broken)' : ''}`;
}
