import { parseArgs } from 'node:util';
import { FAULT_PROFILE_NAMES, isFaultProfileName } from '../faults.js';
import { createSyncSystem } from '../harness/SyncSystem.js';
import { waitForQuiescence } from '../harness/waitForQuiescence.js';
import { RealRuntime } from '../runtime/RealRuntime.js';

const usage = `Usage: npm run demo -- [--profile <name>] [--sessions <n>] [--adds <n>]

Runs a controller and a router in real time: one full sync of <sessions> sessions,
then <adds> live adds, and prints what the router holds afterwards.

  --profile   fault profile: ${FAULT_PROFILE_NAMES.join(', ')} (default fixed)
  --sessions  sessions before the first sync (default 1000)
  --adds      live adds after it (default 1000)
  --help      this text`;

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n\n${usage}\n`);
  process.exit(2);
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        profile: { type: 'string' },
        sessions: { type: 'string' },
        adds: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const profile = (values.profile as string | undefined) ?? 'fixed';
  if (!isFaultProfileName(profile)) fail(`unknown profile "${profile}"`);
  const sessions = positiveInt('sessions', values.sessions as string | undefined, 1000);
  const adds = positiveInt('adds', values.adds as string | undefined, 1000);

  const system = createSyncSystem({
    runtime: new RealRuntime(),
    profile,
    timing: { tickIntervalMs: 20, deadlineMs: 2_000 },
  });
  for (let i = 0; i < sessions; i++) system.controller.createSession();
  const started = performance.now();
  system.channel.connect();
  await waitForQuiescence(system, 10_000);
  const syncMs = performance.now() - started;
  for (let i = 0; i < adds; i++) system.controller.createSession();
  await waitForQuiescence(system, 10_000);
  const stats = system.router.stats();
  system.channel.close();

  const held = stats.trackersHeld > 0 ? `1 (${stats.heldTrackerState})` : '0';
  const lines = [
    `profile ${profile}: full sync of ${sessions} sessions in ${syncMs.toFixed(0)} ms, then ${adds} live adds`,
    `  controller live sessions   ${system.controller.liveSessionCount()}`,
    `  router sessions cached     ${stats.sessionsCached}`,
    `  syncs started/applied      ${stats.syncsStarted}/${stats.syncsApplied}`,
    `  trackers held by router    ${held}`,
    `  post-sync entries buffered ${stats.postSyncEntriesBuffered}`,
    stats.trackersHeld > 0 || stats.postSyncEntriesBuffered > 0
      ? '  => a finished sync is still retained: this is the leak the harness hunts'
      : '  => every finished sync was released',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
