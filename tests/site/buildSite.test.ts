import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/buildSite.js';
import { collectReports } from '../../src/site/collectReports.js';
import { glance } from '../../src/site/glance.js';
import { benchmarkTrend, gateTrends } from '../../src/site/trends.js';
import { runCli, temporaryReportsDir } from '../support/runCli.js';
import { HOSTILE_TOKEN, seedReports } from './seedReports.js';

const ESCAPED_TOKEN = '&lt;img src=x onerror=alert(1)&gt;';

describe('the report site', () => {
  let root: string;
  let page: string;

  beforeAll(async () => {
    root = temporaryReportsDir();
    seedReports(root);
    const result = await buildSite({ reportsRoot: root, cwd: root, now: new Date('2026-11-23T00:00:00Z') });
    page = readFileSync(result.indexFile, 'utf8');
  });

  it('reads every kind of report, shows a nightly copy of a counterexample once, and lists what it cannot read', () => {
    const set = collectReports(root);
    expect(set.soaks).toHaveLength(4);
    expect(set.nightlies).toHaveLength(1);
    expect(set.benches).toHaveLength(3);
    expect(set.mutations.map((m) => m.path)).toEqual([
      'mutation/2026-11-22T05-00-00Z/summary.json',
      'mutation/2026-11-20T05-00-00Z/summary.json',
    ]);
    expect(set.counterexamples.map((c) => c.path)).toEqual(['counterexamples/freed-no-release-42.json']);
    expect(set.unreadable.map((u) => u.path).sort()).toEqual([
      'soak/cut-short/report.json',
      'soak/wrong-field/report.json',
    ]);
    expect(set.unreadable.find((u) => u.path.includes('wrong-field'))?.reason).toMatch(/cycles/);
  });

  it('puts the hostile token on the page only as text', () => {
    expect(page).not.toContain(HOSTILE_TOKEN);
    expect(page).not.toMatch(/<img/i);
    // Soak reasons, trace lines, the counterexample message and the night's reasons all show it.
    expect(page.split(ESCAPED_TOKEN).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('says first that fixed leaks, since when, and who holds it', () => {
    const summary = glance(collectReports(root));
    const steady = summary.soakStatuses.find((s) => s.key === 'steady / fixed');
    expect(steady).toMatchObject({ alarming: true, runs: 3, leakRuns: 2, leakingSince: '2026-11-21T00:00:00.000Z' });
    expect(steady?.heldBy?.join(' ')).toContain('--.tracker (property)-->');
    expect(summary.soakStatuses[0]?.key).toBe('steady / fixed');
    const headline = page.slice(page.indexOf('id="headline"'), page.indexOf('</div>', page.indexOf('id="headline"')));
    expect(headline).toContain('steady / fixed leaks 15.2 KiB, since 2026-11-21 00:00 UTC');
    expect(headline).toContain('the latest nightly is fail');
    expect(headline).toContain('2 report file(s) could not be read');
  });

  it('replays the counterexample into a table of states with the breaking entry marked, and prints the replay command', () => {
    expect(page).toContain('npm run replay -- counterexamples/freed-no-release-42.json');
    expect(page).toMatch(
      /<tr class="drain broke"><td class="num">4<\/td><td>\(drain\)<\/td><td>ran tick sync-000000000001/,
    );
  });

  it('shows a benchmark regression as a step up in its trend, the gates in small charts by group with their lines', () => {
    const [line] = benchmarkTrend(collectReports(root)).sut;
    expect(line?.points.map((p) => p.y)).toEqual([1, 1.0667, 3.2]);
    const [sut, harness, counts] = gateTrends(collectReports(root));
    expect(sut?.gates.map((g) => g.label)).toEqual(['sut/full-sync/1k/over-reference']);
    expect(sut?.gates[0]?.points.map((p) => p.y)).toEqual([1.02, 3.1]);
    expect(sut?.lines.map((l) => [l.label, l.points.map((p) => p.y)])).toEqual([
      ['threshold 1.5x its baseline', [1.5, 1.5]],
    ]);
    expect(harness?.gates).toEqual([]);
    // A gate with a limit of its own draws it over its baseline beside the threshold.
    expect(counts?.gates.map((g) => [g.label, g.points.map((p) => p.y)])).toEqual([
      ['sut/heap-per-session/10k', [1, 1.04]],
    ]);
    expect(counts?.lines.map((l) => [l.label, l.points.map((p) => p.y)])).toEqual([
      ['sut/heap-per-session/10k: limit 300 bytes/session', [1.2, 1.2]],
      ['threshold 1.25x its baseline', [1.25, 1.25]],
    ]);
  });

  it("shows tinybench's statistics of each gate next to its ratio, and a gate's limit", () => {
    const benchmarks = page.slice(page.indexOf('id="benchmarks"'));
    expect(benchmarks).toMatch(
      /<td>sut\/heap-per-session\/10k<\/td><td>[^<]*<\/td><td class="num">260 bytes\/session<\/td><td class="num">3<\/td><td class="num">261<\/td><td class="num">260<\/td><td class="num">264<\/td><td class="num">±1\.2%<\/td><td class="num">250<\/td><td class="num">1\.04x \(1\.25x; at most 300 bytes\/session\)<\/td>/,
    );
  });

  it('reads a report from before gates as one with none, and shows a confirmed regression with its re-measurement', () => {
    const oldest = collectReports(root).benches.at(-1)?.report;
    expect(oldest).toMatchObject({ version: 2, profile: 'fixed', verdict: 'inconclusive', gates: [] });
    const benchmarks = page.slice(page.indexOf('id="benchmarks"'));
    expect(benchmarks).toMatch(
      /<tr class="failed"><td>sut\/full-sync\/1k\/over-reference<\/td>.*<td class="num">3\.1 x reference<\/td><td class="num">15<\/td>(<td class="num">—<\/td>){4}<td class="num">1<\/td><td class="num">3\.10x \(1\.5x\)<\/td><td>3\.2 \(3\.20x, 15 samples\)<\/td><td>regressed<\/td>/,
    );
  });

  it('shows the latest mutation score, the earlier ones and every survivor with its id', () => {
    const mutation = page.slice(page.indexOf('id="mutation"'));
    expect(mutation).toContain(
      'Score <strong>90.00%</strong> of src/session/**/*.ts: 90 killed, 0 timed out, 9 survived, 1 without coverage, of 100 mutants (1 errors or ignored, outside the score).',
    );
    expect(mutation).toContain('300 cases per property, seed 20250114, 1 test process(es), took 10 min 0 s');
    expect(mutation).toContain('href="../mutation/2026-11-22T05-00-00Z/index.html"');
    expect(mutation).toMatch(
      /Earlier runs: <a href="\.\.\/mutation\/2026-11-20T05-00-00Z\/summary\.json">[^<]*<\/a> 80\.00%\./,
    );
    expect(mutation).toContain(
      `<tr><td class="num">42</td><td>src/session/SyncChunkGate.ts:7:12</td><td>StringLiteral</td><td>survived</td><td><code>&#39;${ESCAPED_TOKEN}&#39;</code></td>`,
    );
  });

  it('lists the mutants marked equivalent with their reasons, and the score counting them as survivors', () => {
    const mutation = page.slice(page.indexOf('id="mutation"'));
    expect(mutation).toContain('Marked equivalent (1)');
    expect(mutation).toContain('counted as survivors, the score would be 89.11%');
    expect(mutation).toContain(
      `<tr><td class="num">43</td><td>src/session/SyncChunkGate.ts:9:3</td><td>EqualityOperator</td><td>equivalent, ${ESCAPED_TOKEN}</td></tr>`,
    );
  });

  it('draws every chart from data on the page: the trends, and heap and classes per soak', () => {
    // Two of retained bytes, the router's and the counts' gates, the router's absolute figures; no harness or soak figures seeded.
    expect(page.match(/<canvas data-chart=/g)).toHaveLength(5 + 2 * 4);
  });

  it('npm run report builds the site and prints its path; bad flags exit 2', () => {
    const built = runCli('report', [], root);
    expect(built.status).toBe(0);
    expect(built.stdout).toContain(join('site', 'index.html'));
    expect(built.stdout).toContain('2 file(s) could not be read');
    const bad = runCli('report', ['--port', '99999', '--serve'], root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port must be a whole number from 0 to 65,535');
    const missing = runCli('report', [], join(root, 'no-such-folder'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no reports folder');
  });
});
