import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IHeapSnapshot } from '@memlab/core';
import { getFullHeapFromFile } from '@memlab/heap-analysis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routerFootprint } from '../../soak/analysis/footprintSeries.js';
import { type FootprintReading, readRouterFootprint } from '../../soak/analysis/routerFootprint.js';
import { UnboundGrowth } from '../../soak/analysis/unboundGrowth.js';

const require = createRequire(import.meta.url);
(require('@memlab/core') as typeof import('@memlab/core')).config.muteConsole = true;

const STEPS = 4;
const WRITER = join(import.meta.dirname, 'fixtures', 'writeFootprintHeaps.cjs');

/** Heaps of a small program (a few MB each, not this test's own), written in a child process. */
async function heapsOf(routers: number, steps: number): Promise<{ dir: string; heaps: IHeapSnapshot[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-'));
  execFileSync(process.execPath, ['--expose-gc', WRITER, dir, String(steps), String(routers)]);
  const heaps: IHeapSnapshot[] = [];
  for (let step = 0; step < steps; step++) heaps.push(await getFullHeapFromFile(join(dir, `${step}.heapsnapshot`)));
  return { dir, heaps };
}

describe("the router's footprint, read from heap snapshots", () => {
  let dir = '';
  let readings: FootprintReading[] = [];
  const unbound = new UnboundGrowth();

  beforeAll(async () => {
    const written = await heapsOf(1, STEPS);
    dir = written.dir;
    readings = written.heaps.map((heap) => {
      const reading = readRouterFootprint(heap);
      unbound.add(heap, reading);
      return reading;
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('names what the router alone keeps by its path, and leaves out what another holder shares', () => {
    const first = readings[0];
    if (!first?.ok) throw new Error('the Router was not found');
    const paths = [...first.sample.pathOf.values()];
    expect(paths).toContain('Router.gate.sequencesSeen');
    expect(paths.some((path) => path.startsWith('Router.shared'))).toBe(false);
    // memlab counts a Set's entries as the links of its hash table: the ten records and the table's own map.
    expect(first.sample.collections.find((c) => c.path === 'Router.gate.sequencesSeen')).toMatchObject({
      kind: 'Set',
      entries: 11,
    });
  });

  test('a collection that grows at every step is named, with the bytes it gained', () => {
    const footprint = routerFootprint(
      readings.map((reading, step) => ({ label: `step ${step}`, cycle: step * 10, reading })),
      unbound.findings(),
    );
    expect(footprint.unreadable).toBeUndefined();
    expect(footprint.growingCollections).toEqual([
      { path: 'Router.gate.sequencesSeen', kind: 'Set', entries: [11, 21, 31, 41] },
    ]);
    // Ten records a step of ten cycles: an object each (and its share of the Set's table).
    expect(footprint.slopeBytesPerCycle).toBeGreaterThan(10);
    expect(footprint.grewMost?.path).toMatch(/^Router\.gate\.sequencesSeen/);
    // memlab's unbound-collection rule over the router's objects: the shared Map is not among them.
    expect(footprint.memlab.collections.map((c) => [c.name, c.path, c.history])).toEqual([
      ['Set', 'Router.gate.sequencesSeen', [11, 21, 31, 41]],
    ]);
  });

  test('a heap with two routers cannot be read as one router, and says so', async () => {
    const two = await heapsOf(2, 1);
    try {
      const reading = readRouterFootprint(two.heaps[0] as IHeapSnapshot);
      expect(reading).toEqual({ ok: false, routers: 2 });
      const footprint = routerFootprint([{ label: 'final', cycle: 0, reading }], unbound.findings());
      expect(footprint.unreadable).toBe('2 Router objects in the final snapshot');
      expect(footprint.growingCollections).toEqual([]);
    } finally {
      rmSync(two.dir, { recursive: true, force: true });
    }
  }, 60_000);
});
