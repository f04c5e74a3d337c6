import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { HarnessError } from '../../src/errors.js';
import { postgresOnDemand, stopPostgresOnDemand } from '../../src/harness/index.js';
import { loadStore } from '../../src/stores/loadStore.js';
import {
  clusterBaseDir,
  findPostgresBinDir,
  POSTGRES_INSTALL_HINT,
  PostgresDiedError,
  PostgresMissingError,
  PostgresStartError,
  startPostgresServer,
} from '../../src/stores/postgresServer.js';
import { postgresTest } from './support/postgresForTests.js';

const ours = () =>
  readdirSync(clusterBaseDir())
    .filter((name) => name.startsWith('postgres-harness-'))
    .sort();

/** A folder for stand-in programs the server's account (postgres, when the tests run as root) can run. */
function fakeBinDir(): string {
  const dir = mkdtempSync(join(clusterBaseDir(), 'broken-postgres-'));
  chmodSync(dir, 0o755);
  return dir;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a private PostgreSQL cluster', () => {
  postgresTest(
    'starts on a unix socket in its own folder, answers, and is gone with its folder after stop (twice is fine)',
    async () => {
      const before = ours();
      const server = await startPostgresServer();
      try {
        expect(readdirSync(server.socketDir)).toContain(`.s.PGSQL.${server.port}`);
        const { default: pg } = await import('pg');
        const client = new pg.Client({
          host: server.socketDir,
          port: server.port,
          user: server.user,
          database: server.database,
        });
        await client.connect();
        expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        await client.end();
      } finally {
        await server.stop();
        await server.stop();
      }
      expect(isRunning(server.pid)).toBe(false);
      expect(ours()).toEqual(before);
      expect(server.died()).toBeUndefined();
    },
    30_000,
  );

  postgresTest(
    'a cluster that dies under a run ends it with a typed error (exit 2), not a finding about the store',
    async () => {
      const server = await postgresOnDemand();
      const store = await loadStore('connect-pg-simple', {
        postgres: { ...server, died: () => server.died() },
      });
      process.kill(server.pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const error = await store.get('sid-0').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PostgresDiedError);
      expect((error as HarnessError).exitCode).toBe(2);
      expect((error as Error).message).toMatch(
        /^PostgreSQL exited during the run \(signal SIGKILL\); no verdict on the store/,
      );
      await stopPostgresOnDemand();
    },
    30_000,
  );

  test('missing programs are reported with the package to install', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-postgres-'));
    try {
      expect(findPostgresBinDir({ POSTGRES_BIN_DIR: empty })).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true });
    }
    const error = new PostgresMissingError();
    expect(error.message).toContain(POSTGRES_INSTALL_HINT);
    expect(POSTGRES_INSTALL_HINT).toBe('apt-get install postgresql');
    expect(error.exitCode).toBe(2);
  });

  test('an initdb that fails is a start error, with nothing left behind', async () => {
    const fake = fakeBinDir();
    try {
      for (const name of ['initdb', 'postgres']) {
        writeFileSync(join(fake, name), '#!/bin/sh\necho "initdb: cannot be run here" >&2\nexit 1\n');
        chmodSync(join(fake, name), 0o755);
      }
      const before = ours();
      const error = await startPostgresServer({ binDir: fake }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PostgresStartError);
      expect((error as Error).message).toMatch(/^PostgreSQL did not start: initdb failed/);
      expect((error as Error).message).toContain('initdb: cannot be run here');
      expect((error as HarnessError).exitCode).toBe(2);
      expect(ours()).toEqual(before);
    } finally {
      rmSync(fake, { recursive: true });
    }
  });

  test('a server that exits at once is a start error, with nothing left behind', async () => {
    const fake = fakeBinDir();
    try {
      writeFileSync(join(fake, 'initdb'), '#!/bin/sh\nexit 0\n');
      writeFileSync(join(fake, 'postgres'), '#!/bin/sh\necho "FATAL: could not create lock file" >&2\nexit 1\n');
      for (const name of ['initdb', 'postgres']) chmodSync(join(fake, name), 0o755);
      const before = ours();
      const error = await startPostgresServer({ binDir: fake }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PostgresStartError);
      expect((error as Error).message).toMatch(/^PostgreSQL did not start: it exited with 1/);
      expect((error as Error).message).toContain('could not create lock file');
      expect(ours()).toEqual(before);
    } finally {
      rmSync(fake, { recursive: true });
    }
  });
});
