import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SoakRequest } from '../../soak/runSoak.js';
import { NightBudget } from '../../src/nightly/NightBudget.js';
import { NIGHTLY_PARTS, PLANTED_LEAK_SELF_CHECK, planNightly } from '../../src/nightly/NightlyPlan.js';
import { judgeNight } from '../../src/nightly/nightlyVerdict.js';
import { readSelfCheck } from '../../src/nightly/plantedLeakSelfCheck.js';
import { runSoakTasks } from '../../src/nightly/runSoakTasks.js';
import { type SoakReport, soakReportSchema } from '../../src/reports/SoakReport.js';

const PLANTED = 'Router.events.listeners.table[7].context.records';

type Rule = 'routerFootprintGrowth' | 'routerCollectionsGrowing';

/** A soak report as the self-check's soak writes it, with the given rules broken and what they name. */
function fixtureReport(broken: readonly Rule[], at: string = PLANTED): SoakReport {
  const check = (name: Rule, measured: number, limit: number, unit: string) => ({
    name,
    measured: broken.includes(name) ? measured : 0,
    limit,
    unit,
    passed: !broken.includes(name),
    justification: 'fixture',
  });
  return soakReportSchema.parse({
    kind: 'soak-report',
    version: 2,
    system: 'router',
    scenario: 'steady',
    target: 'fixed',
    expect: 'leak',
    startedAt: '2026-12-08T00:00:00.000Z',
    durationMs: 30_000,
    cycles: 150,
    verdict: broken.length > 0 ? 'leak' : 'clean',
    reasons: broken.map((name) => `${name}: over its limit`),
    checks: [
      check('routerFootprintGrowth', 1_900, 32, 'bytes/cycle'),
      check('routerCollectionsGrowing', 1, 0, 'collections'),
    ],
    heapTrend: [],
    heapSlopeBytesPerCycle: 0,
    snapshots: [],
    classGrowth: [],
    retained: [],
    traces: [],
    finalStats: {},
    analysisMs: 1_000,
    plantedLeak: PLANTED_LEAK_SELF_CHECK.check.leak,
    footprint: {
      series: [],
      slopeBytesPerCycle: 1_900,
      leastStepBytesPerCycle: broken.includes('routerFootprintGrowth') ? 1_900 : 0,
      growingCollections: broken.includes('routerCollectionsGrowing')
        ? [{ path: at, kind: 'Map', entries: [1_900, 4_100, 6_300, 8_400] }]
        : [],
      ...(broken.includes('routerFootprintGrowth') ? { grewMost: { path: at, bytes: 280_000, ofBytes: 285_000 } } : {}),
      memlab: { collections: [], objects: [], shapes: [] },
    },
  });
}

// The self-check's soak gives whatever report the test sets: no real soak runs in npm test.
const soakReport = vi.hoisted(() => ({ current: undefined as SoakReport | undefined, requests: [] as unknown[] }));
vi.mock('../../soak/runSoak.js', () => ({
  runSoak: async (request: SoakRequest, context: { reportsRoot: string }) => {
    soakReport.requests.push(request);
    if (soakReport.current === undefined) throw new Error('no fixture report set');
    return { report: soakReport.current, dir: `${context.reportsRoot}/soak/steady-fixed` };
  },
}));

const plan = planNightly({
  budgetMs: 3_600_000,
  shard: { index: 1, count: 1 },
  seed: 7,
  runsPerProperty: 100,
  parts: new Set(NIGHTLY_PARTS),
});
const selfCheckTask = plan.soaks.find((task) => task.selfCheck !== undefined);

/** Runs the plan's self-check soak through the nightly's soak runner, on the fixture report, and judges the night. */
async function nightWith(report: SoakReport) {
  soakReport.current = report;
  soakReport.requests = [];
  if (selfCheckTask === undefined) throw new Error('the plan has no self-check');
  const dir = mkdtempSync(join(tmpdir(), 'self-check-'));
  dirs.push(dir);
  const soaks = await runSoakTasks([selfCheckTask], {
    nightDir: join(dir, 'night'),
    reportsRoot: dir,
    shareMs: 60_000,
    budget: new NightBudget(60_000),
    reserveMs: 0,
    log: () => {},
  });
  return { soaks, night: judgeNight({ properties: [], soaks }) };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the soak's self-check in the nightly", () => {
  test('runs the planted leak under fixed, for its cycles and no time floor', async () => {
    const { soaks, night } = await nightWith(fixtureReport(['routerFootprintGrowth', 'routerCollectionsGrowing']));
    expect(soakReport.requests).toEqual([
      {
        kind: 'scenario',
        scenario: PLANTED_LEAK_SELF_CHECK.scenario,
        profile: 'fixed',
        cycles: PLANTED_LEAK_SELF_CHECK.cycles,
        plantedLeak: PLANTED_LEAK_SELF_CHECK.check.leak,
      },
    ]);
    expect(soaks[0]?.selfCheck).toEqual({
      path: '.context.records',
      rules: ['routerFootprintGrowth', 'routerCollectionsGrowing'],
      caughtBy: ['routerFootprintGrowth', 'routerCollectionsGrowing'],
    });
    expect(night).toEqual({ verdict: 'pass', reasons: [] });
  });

  test('a CLEAN verdict of the self-check fails the night, naming the self-check', async () => {
    const { night } = await nightWith(fixtureReport([]));
    expect(night.verdict).toBe('fail');
    expect(night.reasons).toEqual([
      'self-check: soak steady under fixed with a planted leak: the leak planted at .context.records was not reported by routerFootprintGrowth, routerCollectionsGrowing (verdict clean; reported by no rule) (report: reports/night/soak/steady-fixed/report.json)',
    ]);
  });

  test('a leak reported by one rule only, or somewhere else than the planted records, fails the night too', async () => {
    const oneRule = await nightWith(fixtureReport(['routerCollectionsGrowing']));
    expect(oneRule.night.verdict).toBe('fail');
    expect(oneRule.night.reasons[0]).toMatch(
      /not reported by routerFootprintGrowth \(verdict leak; reported by routerCollectionsGrowing only\)/,
    );
    const elsewhere = await nightWith(
      fixtureReport(['routerFootprintGrowth', 'routerCollectionsGrowing'], 'Router.cache.sessions'),
    );
    expect(elsewhere.night.verdict).toBe('fail');
    expect(elsewhere.night.reasons[0]).toMatch(/verdict leak; reported by no rule/);
  });

  test('a self-check that gave no report leaves the night inconclusive, not passed', async () => {
    soakReport.current = undefined;
    const night = judgeNight({
      properties: [],
      soaks: [
        {
          system: 'router',
          scenario: 'steady',
          target: 'fixed',
          expect: 'leak',
          verdict: 'error',
          durationMs: 1_000,
          retainedBytes: 0,
          message: 'the workload crashed',
          selfCheck: { path: '.context.records', rules: ['routerFootprintGrowth'] },
        },
      ],
    });
    expect(night).toEqual({
      verdict: 'inconclusive',
      reasons: ['self-check: soak steady under fixed with a planted leak gave no report: the workload crashed'],
    });
  });

  test('reads the rules from what each names: the growth under the planted path, a collection there', () => {
    const check = PLANTED_LEAK_SELF_CHECK.check;
    expect(readSelfCheck(check, fixtureReport(['routerFootprintGrowth'])).caughtBy).toEqual(['routerFootprintGrowth']);
    const chain = {
      ...check,
      leak: { ...check.leak, shape: 'chain' as const },
      rules: ['routerFootprintGrowth'] as const,
    };
    const atChain = fixtureReport(['routerFootprintGrowth'], 'Router.events.listeners.table[7].context.newest.older');
    expect(readSelfCheck(chain, atChain)).toEqual({
      path: '.context.newest',
      rules: ['routerFootprintGrowth'],
      caughtBy: ['routerFootprintGrowth'],
    });
  });
});
