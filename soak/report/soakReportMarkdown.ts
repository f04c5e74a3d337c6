import { describeRepetitionCost, type SoakReport } from '../../src/reports/SoakReport.js';
import { footprintMarkdown } from './footprintMarkdown.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Verdict first, then who is retained, then how (memlab's traces), then the limits. */
export function soakReportMarkdown(report: SoakReport): string {
  const lines: string[] = [];
  const verdict = report.verdict.toUpperCase();
  lines.push(`# Soak ${report.scenario} under ${report.target}: ${verdict}`, '');
  if (report.reasons.length > 0) lines.push(...report.reasons.map((r) => `- ${cell(r)}`), '');
  lines.push(
    `${report.cycles} cycles in ${(report.durationMs / 1000).toFixed(1)} s, started ${report.startedAt}; ` +
      `heap slope ${Math.round(report.heapSlopeBytesPerCycle)} bytes/cycle; analysis ${(report.analysisMs / 1000).toFixed(1)} s.`,
    '',
  );
  if (report.from) {
    lines.push(
      `Replayed \`${cell(report.from.counterexample)}\` ${report.from.repeat} times, keeping every repetition alive: ` +
        `${describeRepetitionCost(report.from)}.`,
      '',
    );
  }
  if (report.lifecycle !== undefined && report.lifecycle.length > 0) {
    lines.push(
      '## Objects whose life ended (the words of the `freed` property)',
      '',
      '| kind | ended | still reachable at the end | example |',
      '| --- | ---: | ---: | --- |',
      ...report.lifecycle.map(
        (row) => `| ${cell(row.kind)} | ${row.ended} | ${row.retained} | ${cell(row.example ?? '')} |`,
      ),
      '',
    );
  }
  lines.push('## Retained project objects (alive at the end: allocated after the baseline, or any SyncTracker)', '');
  if (report.retained.length === 0) lines.push('None.', '');
  else {
    lines.push('| class | count | self | retained |', '| --- | ---: | ---: | ---: |');
    for (const row of report.retained) {
      lines.push(`| ${cell(row.className)} | ${row.count} | ${kib(row.selfBytes)} | ${kib(row.retainedBytes)} |`);
    }
    lines.push('');
  }
  if (report.traces.length > 0) {
    lines.push('## Retainer traces (memlab: shortest path from a GC root)', '');
    for (const trace of report.traces) {
      lines.push(`### ${cell(trace.className)} (${trace.count}, ${kib(trace.retainedBytes)})`, '', '```');
      lines.push(...trace.lines.map((line) => line.replaceAll('```', "'''")), '```', '');
    }
  }
  if (report.footprint) lines.push(...footprintMarkdown(report.footprint, report.plantedLeak));
  lines.push('## Live project objects per snapshot', '');
  lines.push(`| class | ${report.snapshots.map((s) => cell(s.label)).join(' | ')} |`);
  lines.push(`| --- | ${report.snapshots.map(() => '---:').join(' | ')} |`);
  for (const row of report.classGrowth) lines.push(`| ${cell(row.className)} | ${row.counts.join(' | ')} |`);
  lines.push(
    '',
    '## Checks',
    '',
    '| check | measured | limit | margin | why this limit |',
    '| --- | ---: | ---: | ---: | --- |',
  );
  for (const check of report.checks) {
    const margin =
      check.notJudged !== undefined ? `not judged: ${cell(check.notJudged)}` : check.limit - check.measured;
    lines.push(
      `| ${check.passed ? '' : '**'}${check.name}${check.passed ? '' : '**'} | ${check.measured} ${check.unit} | ${check.limit} | ${margin} | ${cell(check.justification)} |`,
    );
  }
  lines.push('');
  if (report.memlabCommand) {
    lines.push('## By hand', '', 'From the repository root:', '', '```sh', report.memlabCommand, '```', '');
  } else {
    lines.push('Snapshots were not kept (kept only when a leak is found).', '');
  }
  return lines.join('\n');
}
