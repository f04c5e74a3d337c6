// Child process: one full sync of a million sessions, reporting time and peak heap.
import { getHeapStatistics } from 'node:v8';
import { isFaultProfileName } from '../src/faults.js';
import { prepareFullSync, runFullSync } from './fullSync.js';

const sessions = Number(process.argv[2] ?? 1_000_000);
const profile = process.argv[3] ?? 'fixed';
if (!isFaultProfileName(profile)) throw new Error(`unknown fault profile "${profile}"`);
const system = prepareFullSync(sessions, profile);
let peak = getHeapStatistics().used_heap_size;
const started = performance.now();
runFullSync(system, () => {
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
});
const ms = performance.now() - started;
const cached = system.router.stats().sessionsCached;
process.stdout.write(`${JSON.stringify({ sessions, cached, ms, peakHeapBytes: peak })}\n`);
