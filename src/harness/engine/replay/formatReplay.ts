import type { Counterexample } from '../counterexample/CounterexampleFile.js';
import type { AnyModelSystem, TraceColumn, TraceState } from '../ModelSystem.js';
import type { TraceEntry } from '../runCase.js';
import type { ReplayResult } from './replayCounterexample.js';

export function formatState(state: TraceState, columns: readonly TraceColumn[]): string {
  return columns.map((column) => `${column.label}=${String(state[column.key] ?? '-')}`).join(' ');
}

export function formatTraceEntry(entry: TraceEntry, columns: readonly TraceColumn[]): string {
  const what = entry.phase === 'step' ? `${entry.description} → ${entry.outcome}` : `(drain) ${entry.outcome}`;
  return `${String(entry.index).padStart(4)}  ${what.padEnd(64)} | ${formatState(entry.state, columns)}`;
}

/** What each column of the trace means, printed before it. */
export function formatLegend(columns: readonly TraceColumn[]): string[] {
  const width = Math.max(...columns.map((column) => column.label.length));
  return [
    'columns after "|" (the state after the action):',
    ...columns.map((column) => `  ${column.label.padEnd(width)}  ${column.legend}`),
    '"(drain)" rows are the run to quiescence after the generated steps: oldest work first, then the next timer.',
  ];
}

/** The whole replay as a person reads it. */
export function formatReplay(system: AnyModelSystem, counterexample: Counterexample, result: ReplayResult): string {
  const c = counterexample;
  const lines = [
    `counterexample: ${c.system} property ${c.property}, ${system.targetKind} ${c.target}, seed ${c.seed}, path ${c.path}`,
    `found at commit ${c.commit} with fast-check ${c.fastCheckVersion}; replaying against ${system.targetKind} ${result.target}`,
    `params: ${system.describeParams(c.params)}`,
    `${c.steps.length} shrunk step(s), then the drain to quiescence; state after each:`,
    ...formatLegend(system.traceColumns),
    ...result.trace.map((entry) => formatTraceEntry(entry, system.traceColumns)),
  ];
  const v = result.violation;
  if (v === undefined) {
    lines.push(`HOLDS: ${c.property} was not broken (recorded: ${c.failure.message})`);
  } else {
    lines.push(`BROKEN: ${v.invariant} (${system.invariants[v.invariant]?.promise ?? ''})`);
    lines.push(`  at entry ${v.atEntry}, ${v.phase === 'step' ? 'after that action' : 'at quiescence'}: ${v.message}`);
    lines.push(
      result.reproduced
        ? 'reproduced: same invariant, entry and message as recorded'
        : 'DIFFERENT from the recorded failure',
    );
  }
  return lines.join('\n');
}
