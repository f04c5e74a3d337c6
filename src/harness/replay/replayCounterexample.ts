import type { FaultProfileName } from '../../faults.js';
import type { Counterexample } from '../counterexample/CounterexampleFile.js';
import { INVARIANTS } from '../invariants/index.js';
import { runCase, type TraceEntry, type Violation } from '../model/runCase.js';
import type { StateSnapshot } from '../model/SyncScenario.js';

export interface ReplayResult {
  readonly profile: FaultProfileName;
  readonly trace: readonly TraceEntry[];
  readonly violation: Violation | undefined;
  /** Same invariant, same trace entry, same message as recorded. */
  readonly reproduced: boolean;
}

/** Reruns a counterexample exactly, under its own profile or `profile`, recording the state after every action. */
export async function replayCounterexample(
  counterexample: Counterexample,
  profile: FaultProfileName = counterexample.profile,
): Promise<ReplayResult> {
  const trace: TraceEntry[] = [];
  const violation = await runCase(
    { profile, params: counterexample.params, steps: counterexample.steps },
    INVARIANTS[counterexample.property],
    (entry) => trace.push(entry),
  );
  const recorded = counterexample.failure;
  const reproduced =
    violation !== undefined &&
    violation.invariant === recorded.invariant &&
    violation.atEntry === recorded.atEntry &&
    violation.message === recorded.message;
  return { profile, trace, violation, reproduced };
}

export function formatSnapshot(s: StateSnapshot): string {
  const tracker = s.trackersHeld > 0 ? `1 ${s.heldTrackerState}` : '0';
  return [
    `t=${s.time}ms`,
    `sync=${s.syncInProgress === '' ? '-' : s.syncInProgress}`,
    `trackers=${tracker}`,
    `buffered=${s.postSyncBuffered}`,
    `sessions router/ctrl=${s.routerSessions}/${s.controllerSessions}`,
    `queue=${s.queueLength}`,
    `in-flight=${s.inFlightToRouter}`,
    s.channelOpen ? '' : 'channel=closed',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

export function formatTraceEntry(entry: TraceEntry): string {
  const what = entry.phase === 'step' ? `${entry.description} → ${entry.outcome}` : `(drain) ${entry.outcome}`;
  return `${String(entry.index).padStart(4)}  ${what.padEnd(58)} | ${formatSnapshot(entry.snapshot)}`;
}

/** The whole replay as a person reads it. */
export function formatReplay(counterexample: Counterexample, result: ReplayResult): string {
  const c = counterexample;
  const lines = [
    `counterexample: property ${c.property}, profile ${c.profile}, seed ${c.seed}, path ${c.path}`,
    `found at commit ${c.commit} with fast-check ${c.fastCheckVersion}; replaying under profile ${result.profile}`,
    `params: chunk size ${c.params.chunkSize}, ${c.params.initialSessions} initial sessions, tick ${c.params.tickIntervalMs} ms, deadline ${c.params.deadlineMs} ms`,
    `${c.steps.length} shrunk step(s), then the drain to quiescence; state after each:`,
    ...result.trace.map(formatTraceEntry),
  ];
  const v = result.violation;
  if (v === undefined) {
    lines.push(`HOLDS: ${c.property} was not broken (recorded: ${c.failure.message})`);
  } else {
    lines.push(`BROKEN: ${v.invariant} (${INVARIANTS[v.invariant].promise})`);
    lines.push(`  at entry ${v.atEntry}, ${v.phase === 'step' ? 'after that action' : 'at quiescence'}: ${v.message}`);
    lines.push(
      result.reproduced
        ? 'reproduced: same invariant, entry and message as recorded'
        : 'DIFFERENT from the recorded failure',
    );
  }
  return lines.join('\n');
}
