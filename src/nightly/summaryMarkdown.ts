import { formatClock } from '../harness/parseDuration.js';
import type { NightlySummary } from '../harness/reports/NightlySummary.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The night for a person: verdict and reasons first, then one table per part. */
export function summaryMarkdown(summary: NightlySummary): string {
  const lines: string[] = [];
  const shards = summary.shards.map((s) => `${s.index}/${s.count} (${s.parts.join('+')}, seed ${s.seed})`).join(', ');
  lines.push(`# Nightly ${summary.startedAt}: ${summary.verdict === 'pass' ? 'PASS' : 'FAIL'}`, '');
  if (summary.reasons.length > 0) {
    lines.push('Why it failed:', '', ...summary.reasons.map((r) => `- ${cell(r)}`), '');
  }
  lines.push(
    `Commit ${summary.commit}, shards ${shards}, ${formatClock(summary.durationMs)} of a ${formatClock(summary.budgetMs)} budget.`,
    '',
  );
  if (summary.properties.length > 0) {
    lines.push(
      '## Properties',
      '',
      '| invariant | profile | expected | result | runs | seconds | seed | counterexample |',
    );
    lines.push('| --- | --- | --- | --- | ---: | ---: | ---: | --- |');
    for (const p of summary.properties) {
      const expected = p.slot === 'fixed' ? 'holds' : 'caught';
      const result = p.passed ? 'held' : 'broken';
      lines.push(
        `| ${p.invariant} | ${p.profile} | ${expected} | ${result} | ${p.runs} | ${(p.durationMs / 1000).toFixed(1)} | ${p.seed} | ${p.counterexample ? `\`reports/${cell(p.counterexample)}\`` : ''} |`,
      );
    }
    lines.push('');
  }
  if (summary.soaks.length > 0) {
    lines.push('## Soak', '', '| scenario | profile | expected | verdict | retained bytes | seconds | report |');
    lines.push('| --- | --- | --- | --- | ---: | ---: | --- |');
    for (const s of summary.soaks) {
      const expected = s.slot === 'fixed' ? 'clean' : 'leak';
      lines.push(
        `| ${cell(s.scenario)} | ${s.profile} | ${expected} | ${s.verdict} | ${s.retainedBytes} | ${(s.durationMs / 1000).toFixed(1)} | ${[s.report ? `\`reports/${cell(s.report)}\`` : '', cell(s.message ?? '')].filter((part) => part !== '').join(': ')} |`,
      );
    }
    lines.push('');
  }
  if (summary.benchmarks) {
    const b = summary.benchmarks;
    lines.push('## Benchmarks', '');
    if (b.error) lines.push(`Did not run: ${cell(b.error)}`);
    else {
      lines.push(b.regressions.length === 0 ? 'No regression past a threshold.' : 'Regressions:');
      lines.push(...b.regressions.map((r) => `- ${cell(r)}`));
    }
    if (b.report) lines.push('', `Report: \`reports/${cell(b.report)}\``);
    lines.push('');
  }
  return lines.join('\n');
}
