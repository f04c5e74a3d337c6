import type { ReportSet } from './collectReports.js';
import { formatWhen } from './format.js';
import { glance } from './glance.js';
import { html, type SafeHtml } from './html.js';
import { benchSection } from './render/benchSection.js';
import { ChartIds } from './render/chart.js';
import { counterexampleSection, type ReplayOutcome } from './render/counterexampleSection.js';
import { glanceSection } from './render/glanceSection.js';
import { page, reportLink, section } from './render/layout.js';
import { mutationSection } from './render/mutationSection.js';
import { nightlySection } from './render/nightlySection.js';
import { soakSection } from './render/soakSection.js';
import { trendSection } from './render/trendSection.js';
import { benchmarkTrend, gateTrends, retainedBytesTrend } from './trends.js';

export interface PageInputs {
  readonly set: ReportSet;
  readonly replays: ReadonlyMap<string, ReplayOutcome>;
  /** How the replay command should name a counterexample file, from where the reviewer stands. */
  readonly replayPath: (path: string) => string;
  readonly generatedAt: Date;
}

export function renderPage({ set, replays, replayPath, generatedAt }: PageInputs): SafeHtml {
  const ids = new ChartIds();
  const summary = glance(set);
  const counts = `${set.nightlies.length} nightly summaries, ${set.soaks.length} soak reports, ${set.counterexamples.length} counterexamples, ${set.benches.length} benchmark reports, ${set.mutations.length} mutation runs`;
  return page(
    'Session sync harness: reports',
    html`<header>
<h1>Session sync harness: reports</h1>
<p>Built ${formatWhen(generatedAt.toISOString())} from ${counts}.</p>
<nav><a href="#glance">At a glance</a> <a href="#trends">Across nights</a> <a href="#nightlies">Nightly runs</a> <a href="#soaks">Soaks</a> <a href="#counterexamples">Counterexamples</a> <a href="#benchmarks">Benchmarks</a> <a href="#mutation">Mutation score</a></nav>
</header>
<main>
${glanceSection(summary)}
${trendSection(ids, retainedBytesTrend(set), gateTrends(set), benchmarkTrend(set))}
${nightlySection(set.nightlies)}
${soakSection(ids, set.soaks, summary.soakStatuses)}
${counterexampleSection(set.counterexamples, replays, replayPath)}
${benchSection(set.benches)}
${mutationSection(set.mutations)}
${set.unreadable.length > 0 ? unreadableSection(set.unreadable) : ''}
</main>`,
  );
}

function unreadableSection(files: ReportSet['unreadable']): SafeHtml {
  return section(
    'unreadable',
    'Files that could not be read',
    html`<ul>${files.map((f) => html`<li>${reportLink(f.path, f.path)}: ${f.reason}</li>`)}</ul>`,
  );
}
