import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { temporaryReportsDir } from '../support/runCli.js';
import { leftRunning, signalledCommand } from '../support/signalledCommand.js';

// Each command is started for real, in a process group of its own as a terminal would,
// and stopped with a signal once it is busy: it must exit with 130 or 143, leave no
// process behind and no half-written run folder.

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** Runs a command until it is busy, signals it, and says how it ended and what it left running. */
async function stop(options: Omit<Parameters<typeof signalledCommand>[0], 'reportsDir' | 'marker'>) {
  const reportsDir = temporaryReportsDir();
  const marker = randomUUID();
  const run = await signalledCommand({ ...options, reportsDir, marker });
  return { run, reportsDir, left: await leftRunning(marker) };
}

describe('stopping a command with a signal', () => {
  test('soak: SIGINT to the group stops parent and worker, exit 130, the run folder removed', async () => {
    const { run, reportsDir, left } = await stop({
      command: 'soak',
      args: ['--scenario', 'steady', '--duration', '10m'],
      ready: /cycle \d+/,
      signal: 'SIGINT',
      to: 'group',
    });
    expect(run.code, run.output).toBe(130);
    expect(left).toEqual([]);
    expect(filesUnder(join(reportsDir, 'soak'))).toEqual([]);
    expect(readdirSync(join(reportsDir, 'soak'))).toEqual([]);
  });

  test('soak through npm: SIGTERM to npm alone reaches node and its worker, no orphan', async () => {
    const { run, reportsDir, left } = await stop({
      command: 'soak',
      args: ['--scenario', 'steady', '--duration', '10m'],
      ready: /cycle \d+/,
      signal: 'SIGTERM',
      to: 'process',
      via: 'npm',
    });
    expect(run.code === 143 || run.signal === 'SIGTERM', run.output).toBe(true);
    expect(left).toEqual([]);
    expect(filesUnder(join(reportsDir, 'soak'))).toEqual([]);
  });

  test('bench: SIGINT to the group stops the measuring child too, exit 130, no report', async () => {
    const { run, reportsDir, left } = await stop({
      command: 'bench',
      args: ['--quick'],
      ready: /bench: counts:/,
      signal: 'SIGINT',
      to: 'group',
    });
    expect(run.code, run.output).toBe(130);
    expect(left).toEqual([]);
    expect(filesUnder(join(reportsDir, 'bench'))).toEqual([]);
  });

  test('props: SIGTERM to node alone, exit 143, within a case or two', async () => {
    const { run, left } = await stop({
      command: 'props',
      args: ['--runs', '1000000'],
      ready: /cases so far/,
      signal: 'SIGTERM',
      to: 'process',
    });
    expect(run.code, run.output).toBe(143);
    expect(run.output).toMatch(/props: interrupted by SIGTERM/);
    expect(left).toEqual([]);
  });

  test('props under a shell that dies of SIGTERM alone: node, orphaned, stops by itself', async () => {
    const { run, left } = await stop({
      command: 'props',
      args: ['--runs', '1000000'],
      ready: /cases so far/,
      signal: 'SIGTERM',
      to: 'process',
      via: 'shell',
    });
    expect(run.signal, run.output).toBe('SIGTERM');
    expect(left).toEqual([]);
  });

  test('nightly: SIGINT to the group, exit 130, the summary says interrupted', async () => {
    const { run, reportsDir, left } = await stop({
      command: 'nightly',
      args: [],
      ready: /properties: CAUGHT freed against no-release/,
      signal: 'SIGINT',
      to: 'group',
    });
    expect(run.code, run.output).toBe(130);
    expect(left).toEqual([]);
    const summaries = filesUnder(join(reportsDir, 'nightly')).filter((file) => file.endsWith('summary.json'));
    expect(summaries).toHaveLength(1);
    const summary = JSON.parse(readFileSync(join(reportsDir, 'nightly', summaries[0] as string), 'utf8'));
    expect(summary.verdict).toBe('interrupted');
  });

  test('report --serve: SIGTERM, exit 143', async () => {
    const { run, left } = await stop({
      command: 'report',
      args: ['--serve', '--port', '0'],
      ready: /serving http/,
      signal: 'SIGTERM',
      to: 'process',
    });
    expect(run.code, run.output).toBe(143);
    expect(left).toEqual([]);
  });
});
