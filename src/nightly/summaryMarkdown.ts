import { markdownTable } from 'markdown-table';
import { formatClock } from '../harness/index.js';
import type { NightlySummary } from '../reports/NightlySummary.js';
import { NIGHT_MARGIN_MS } from './NightBudget.js';

/** Table cells are the text of reports: nothing in them may break the table. */
function cell(text: string | number): string {
  return String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function table(rows: readonly (readonly (string | number)[])[], align: readonly ('l' | 'r')[]): string {
  return markdownTable(
    rows.map((row) => row.map(cell)),
    { align: [...align] },
  );
}

/** The night for a person: verdict and reasons first, then one table per part. */
export function summaryMarkdown(summary: NightlySummary): string {
  const lines: string[] = [];
  const shards = summary.shards.map((s) => `${s.index}/${s.count} (${s.parts.join('+')}, seed ${s.seed})`).join(', ');
  lines.push(`# Nightly ${summary.startedAt}: ${summary.verdict.toUpperCase()}`, '');
  if (summary.reasons.length > 0) {
    lines.push(summary.verdict === 'fail' ? 'Why it failed:' : 'Why it did not pass:', '');
    lines.push(...summary.reasons.map((r) => `- ${cell(r)}`), '');
  }
  lines.push(
    `Commit ${summary.commit}, shards ${shards}, ${formatClock(summary.durationMs)} of a ${formatClock(summary.budgetMs)} budget.`,
    '',
  );
  if (summary.pastBudget && summary.pastBudget.length > 0) {
    lines.push(`Past the budget (a night may run ${NIGHT_MARGIN_MS / 1000} s past it):`, '');
    lines.push(...summary.pastBudget.map((spent) => `- ${cell(spent)}`), '');
  }
  if (summary.properties.length > 0) {
    lines.push('## Properties', '');
    lines.push(
      table(
        [
          ['property', 'against', 'expected', 'verdict', 'cases', 'seconds', 'seed', 'counterexample'],
          ...summary.properties.map((p) => [
            p.property,
            p.target,
            p.expect,
            p.verdict,
            p.runs,
            (p.durationMs / 1000).toFixed(1),
            p.seed,
            p.counterexample ? `\`reports/${p.counterexample}\`` : '',
          ]),
        ],
        ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'l'],
      ),
      '',
    );
  }
  if (summary.coverage) {
    lines.push(`## Coverage over ${summary.coverage.cases} generated cases`, '');
    lines.push(
      table(
        [
          ['behaviour', 'cases', 'per 1,000', 'target', ''],
          ...summary.coverage.rows.map((r) => [
            r.event,
            r.hits,
            r.perThousand.toFixed(1),
            r.target,
            r.met ? 'ok' : 'MISSED',
          ]),
        ],
        ['l', 'r', 'r', 'r', 'l'],
      ),
      '',
    );
  }
  if (summary.soaks.length > 0) {
    lines.push('## Soak', '');
    lines.push(
      table(
        [
          ['scenario', 'under', 'expected', 'verdict', 'retained bytes', 'seconds', 'report'],
          ...summary.soaks.map((s) => [
            s.selfCheck ? `${s.scenario} (self-check: leak planted at \`${s.selfCheck.path}\`)` : s.scenario,
            s.target,
            s.expect,
            s.verdict,
            s.retainedBytes,
            (s.durationMs / 1000).toFixed(1),
            [s.report ? `\`reports/${s.report}\`` : '', s.message ?? ''].filter((part) => part !== '').join(': '),
          ]),
        ],
        ['l', 'l', 'l', 'l', 'r', 'r', 'l'],
      ),
      '',
    );
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
