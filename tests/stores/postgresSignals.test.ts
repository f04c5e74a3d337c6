import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { clusterBaseDir } from '../../src/stores/postgresServer.js';
import { temporaryReportsDir } from '../support/runCli.js';
import { leftRunning, signalledCommand } from '../support/signalledCommand.js';
import { postgresTest } from './support/postgresForTests.js';

const clusters = () =>
  readdirSync(clusterBaseDir())
    .filter((name) => name.startsWith('postgres-harness-'))
    .sort();

// Ctrl-C while a store runs on its private PostgreSQL: exit 130, no server and no folder left.
describe('stopping a run on PostgreSQL', () => {
  postgresTest(
    'soak of connect-pg-simple: SIGINT to node alone, exit 130, the cluster stopped and its folder gone',
    async () => {
      const before = clusters();
      const marker = randomUUID();
      const run = await signalledCommand({
        command: 'soak',
        args: ['--store', 'connect-pg-simple', '--duration', '10m'],
        reportsDir: temporaryReportsDir(),
        marker,
        ready: /cycle \d+/,
        signal: 'SIGINT',
        to: 'process',
        readyTimeoutMs: 60_000,
      });
      expect(run.code, run.output).toBe(130);
      expect(await leftRunning(marker)).toEqual([]);
      expect(clusters()).toEqual(before);
    },
    120_000,
  );
});
