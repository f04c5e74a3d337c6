// Measures the smallest leak a soak scenario sees: runs the scenario under `fixed` with a
// leak of each given size planted (0 plants none), for the nightly's cycles, and prints one
// line per run. docs/soak.md's table of visible leaks comes from these lines.
//
//   node --expose-gc --no-concurrent-recompilation --import tsx soak/plantedLeakSweep.ts \
//     <scenario> <sync|removal> <bytes>... [--shape map|chain] [--every k] [--cycles n] [--repeat n]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InterruptedError } from '../src/errors.js';
import type { SoakReport } from '../src/reports/SoakReport.js';
import { MIN_CYCLES_FOR_SLOPE } from './analysis/thresholds.js';
import { runSoak, type SoakRequest } from './runSoak.js';
import { PLANTED_LEAK_SHAPES, type PlantedLeak, type PlantedLeakShape } from './worker/plantedLeak.js';

/** The nightly's soak length: `SOAK_MIN_CYCLES` in src/nightly/NightlyPlan.ts. */
const NIGHTLY_CYCLES = MIN_CYCLES_FOR_SLOPE + 30;

function parseArgs(argv: readonly string[]) {
  const [scenario, per, ...rest] = argv;
  if (scenario === undefined || (per !== 'sync' && per !== 'removal')) {
    throw new Error(
      'usage: plantedLeakSweep.ts <scenario> <sync|removal> <bytes>... [--shape map|chain] [--every k] [--cycles n] [--repeat n]',
    );
  }
  const sizes: number[] = [];
  let cycles = NIGHTLY_CYCLES;
  let repeat = 1;
  let every = 1;
  let shape: PlantedLeakShape = 'map';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--cycles') cycles = Number(rest[++i]);
    else if (arg === '--repeat') repeat = Number(rest[++i]);
    else if (arg === '--every') every = Number(rest[++i]);
    else if (arg === '--shape') {
      const given = rest[++i];
      const known = PLANTED_LEAK_SHAPES.find((name) => name === given);
      if (known === undefined) throw new Error(`--shape is one of ${PLANTED_LEAK_SHAPES.join(', ')}, not ${given}`);
      shape = known;
    } else sizes.push(Number(arg));
  }
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 0) ||
    !Number.isInteger(cycles) ||
    !Number.isInteger(repeat) ||
    !(every >= 1)
  ) {
    throw new Error('sizes, --every, --cycles and --repeat are whole numbers');
  }
  return { scenario, per, sizes, cycles, repeat, every, shape } as const;
}

/** On a shared machine a workload child may be stopped from outside: that run is started again, twice at most. */
async function soakRetryingStops(request: SoakRequest, root: string): Promise<SoakReport> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await runSoak(request, { reportsRoot: root })).report;
    } catch (error) {
      if (!(error instanceof InterruptedError) || attempt >= 3) throw error;
      console.error(`stopped from outside (${error.message}); starting the run again`);
    }
  }
}

async function main(): Promise<void> {
  const { scenario, per, sizes, cycles, repeat, every, shape } = parseArgs(process.argv.slice(2));
  for (const bytes of sizes) {
    for (let run = 1; run <= repeat; run++) {
      const root = mkdtempSync(join(tmpdir(), 'planted-leak-'));
      try {
        const plantedLeak: PlantedLeak | undefined = bytes > 0 ? { bytes, per, every, shape } : undefined;
        const started = performance.now();
        const report = await soakRetryingStops(
          { kind: 'scenario', scenario, profile: 'fixed', cycles, ...(plantedLeak ? { plantedLeak } : {}) },
          root,
        );
        const check = (name: string) => report.checks.find((c) => c.name === name);
        const footprint = report.footprint;
        const series = footprint?.series ?? [];
        const grown = (series.at(-1)?.reachableBytes ?? 0) - (series[0]?.reachableBytes ?? 0);
        const cyclesSpanned = (series.at(-1)?.cycle ?? 0) - (series[0]?.cycle ?? 0);
        console.log(
          JSON.stringify({
            scenario,
            plantedBytes: bytes,
            shape,
            per,
            every,
            run,
            verdict: report.verdict,
            // The limits this run broke: which rule caught the leak.
            caughtBy: report.checks.filter((c) => !c.passed).map((c) => c.name),
            cycles: report.cycles,
            syncsStarted: report.finalStats.syncsStarted,
            footprintGrowth: check('routerFootprintGrowth')?.measured,
            footprintSlope: footprint === undefined ? undefined : Math.round(footprint.slopeBytesPerCycle),
            grownBytesPerCycle: cyclesSpanned > 0 ? Math.round(grown / cyclesSpanned) : undefined,
            growingCollections: footprint?.growingCollections.map((c) => `${c.path} ${c.entries.join('>')}`),
            grewMost: footprint?.grewMost,
            series: series.map((point) => [point.cycle, point.reachableBytes, point.reachableObjects]),
            heapSlope: check('heapSlopePerCycle')?.measured,
            reasons: report.reasons,
            workloadMs: report.durationMs,
            analysisMs: report.analysisMs,
            totalMs: Math.round(performance.now() - started),
          }),
        );
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  }
}

await main();
