import type { FaultProfileName } from '../../../faults.js';
import type { ProtocolErrorCode } from '../../../session/ProtocolError.js';
import type { FuzzSource } from './FuzzCase.js';

/** What a fuzz run sent and what the router did with it, as plain data. */
export interface FuzzReport {
  readonly profile: FaultProfileName;
  readonly seed: number;
  readonly messages: number;
  readonly bySource: Readonly<Record<FuzzSource, number>>;
  /** Messages the wire format (`isWellFormedMessage`) calls malformed: each must get a typed error. */
  readonly malformed: number;
  readonly crashes: {
    /** Exceptions a handler threw, which the router caught and counted. */
    readonly handler: number;
    /** Exceptions thrown out of `Router.receive` itself. */
    readonly receive: number;
    /** Exceptions thrown out of a task the message left behind (a handling task, the receive loop). */
    readonly task: number;
  };
  /** Every typed error the router counted, by code. */
  readonly errorsByCode: Readonly<Partial<Record<ProtocolErrorCode, number>>>;
  /** Messages that got no typed error and crashed nothing. */
  readonly accepted: number;
  /** Malformed messages taken without a typed error. */
  readonly malformedUncounted: number;
  /** Sessions the controller still has that the router dropped on a malformed or rejected message. */
  readonly sessionsLost: number;
  /** Sessions added, removed or altered by a malformed or rejected message. */
  readonly sessionsChanged: number;
  /** Times the router was built afresh after a legitimate change or damage. */
  readonly rebuilds: number;
  readonly durationMs: number;
  /** The first few messages that broke a promise, described, for a person to start from. */
  readonly examples: readonly string[];
}

export function crashCount(report: FuzzReport): number {
  return report.crashes.handler + report.crashes.receive + report.crashes.task;
}

/** A crash, a loss, a change or an uncounted malformed message: each breaks the robustness promise. */
export function fuzzFailed(report: FuzzReport): boolean {
  return (
    crashCount(report) > 0 || report.sessionsLost > 0 || report.sessionsChanged > 0 || report.malformedUncounted > 0
  );
}

const COLUMNS = ['profile', 'messages', 'crashes', 'typed errors', 'accepted', 'uncounted', 'lost', 'changed', 's'];

/** One row per report, as a Markdown table. */
export function formatFuzzTable(reports: readonly FuzzReport[]): string {
  const rows = reports.map((r) => [
    r.profile,
    String(r.messages),
    `${crashCount(r)} (${r.crashes.handler} handler, ${r.crashes.receive} receive, ${r.crashes.task} task)`,
    String(Object.values(r.errorsByCode).reduce((sum, n) => sum + (n ?? 0), 0)),
    String(r.accepted),
    String(r.malformedUncounted),
    String(r.sessionsLost),
    String(r.sessionsChanged),
    (r.durationMs / 1000).toFixed(1),
  ]);
  return markdownTable(COLUMNS, rows);
}

/** Typed errors by code, one column per report. */
export function formatErrorTable(reports: readonly FuzzReport[]): string {
  const codes = [...new Set(reports.flatMap((r) => Object.keys(r.errorsByCode)))].sort() as ProtocolErrorCode[];
  const rows = codes.map((code) => [code, ...reports.map((r) => String(r.errorsByCode[code] ?? 0))]);
  return markdownTable(['code', ...reports.map((r) => r.profile)], rows);
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
