import { describe, expect, test } from 'vitest';
import { soakReportMarkdown } from '../../soak/report/soakReportMarkdown.js';
import { type SoakReport, soakReportSchema } from '../../src/reports/SoakReport.js';
import { ChartIds } from '../../src/site/render/chart.js';
import { soakSection } from '../../src/site/render/soakSection.js';

const PATH = 'Router.events.listeners.table[7].context.records';

const report: SoakReport = soakReportSchema.parse({
  kind: 'soak-report',
  version: 2,
  system: 'router',
  scenario: 'resync-storm',
  target: 'fixed',
  expect: 'clean',
  startedAt: '2026-12-08T00:00:00.000Z',
  durationMs: 30_000,
  cycles: 180,
  verdict: 'leak',
  reasons: ['routerFootprintGrowth: 96 bytes/cycle (limit 32)'],
  checks: [],
  heapTrend: [],
  heapSlopeBytesPerCycle: 150,
  snapshots: [],
  classGrowth: [],
  retained: [],
  traces: [],
  finalStats: {},
  analysisMs: 1_000,
  plantedLeak: { bytes: 16, per: 'sync', every: 1 },
  footprint: {
    series: [0, 45, 90, 135, 180].map((cycle, i) => ({
      label: i === 0 ? 'baseline' : i === 4 ? 'final' : `during-${i}`,
      cycle,
      reachableBytes: 190_000 + i * 4_500,
      reachableObjects: 3_100 + i * 50,
      retainedBytes: 190_500 + i * 4_500,
    })),
    slopeBytesPerCycle: 100,
    leastStepBytesPerCycle: 96,
    growingCollections: [{ path: PATH, kind: 'Map', entries: [63, 113, 162, 212, 259] }],
    grewMost: { path: `${PATH}.table`, bytes: 17_900, ofBytes: 18_000 },
    memlab: {
      collections: [{ id: 42, name: 'Map', history: [63, 113, 162, 212, 259], path: PATH }],
      objects: [{ id: 7, name: 'Router', history: [190_500, 208_500], path: 'Router' }],
      shapes: [{ shape: 'Object { sequence }', counts: [1_000, 1_200] }],
    },
  },
});

describe("the router's footprint in the soak's reports", () => {
  test('report.md names what grew by its path, the planted leak and what memlab found', () => {
    const md = soakReportMarkdown(report);
    expect(md).toContain('A leak was planted on purpose: a 16-character string kept per sync, in a Map.');
    expect(md).toContain('at least 96 at every step');
    expect(md).toContain(`- \`${PATH}\` (Map): 63 → 113 → 162 → 212 → 259 entries`);
    expect(md).toContain(`Most of the 18000 bytes gained is under \`${PATH}.table\``);
    expect(md).toContain(`- Map @42: 63 → 113 → 162 → 212 → 259 entries; \`${PATH}\``);
    expect(md).toContain('- Object { sequence }: 1000 → 1200');
  });

  test('the site shows the footprint chart, the growing collection and memlab’s findings with their paths', () => {
    const found = { path: 'soak/x/report.json', report };
    const page = String(
      soakSection(
        new ChartIds(),
        [found],
        [
          {
            key: 'resync-storm/fixed',
            scenario: 'resync-storm',
            target: 'fixed',
            alarming: true,
            latest: found,
            runs: 1,
            leakRuns: 1,
            leakingSince: report.startedAt,
            retainedBytes: 0,
            heldBy: undefined,
          },
        ],
      ),
    );
    expect(page).toContain("The router's own footprint");
    expect(page).toContain('Bytes the router alone keeps, at quiescence');
    expect(page).toContain(`<td><code>${PATH}</code></td><td>Map</td><td>63 → 113 → 162 → 212 → 259</td>`);
    expect(page).toContain(`<td>unbound-collection</td><td><code>${PATH}</code></td>`);
    expect(page).toContain('planted on purpose');
  });
});
