import { readdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import {
  findRedisServer,
  REDIS_INSTALL_HINT,
  RedisServerMissingError,
  RedisServerStartError,
  startRedisServer,
} from '../../src/stores/redisServer.js';
import { redisTest } from './support/redisForTests.js';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('redis-server for tests', () => {
  redisTest('starts on a free loopback port, answers, and is gone after stop (twice is fine)', async () => {
    const server = await startRedisServer();
    try {
      expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
      expect(await accepts(server.port)).toBe(true);
    } finally {
      await server.stop();
      await server.stop();
    }
    expect(await accepts(server.port)).toBe(false);
  });

  test('a missing binary is reported with the package to install, on one line', () => {
    expect(findRedisServer('')).toBeUndefined();
    const message = new RedisServerMissingError().message;
    expect(message).toContain(REDIS_INSTALL_HINT);
    expect(REDIS_INSTALL_HINT).toBe('apt-get install redis-server');
    expect(message).not.toContain('\n');
  });

  test('a binary that cannot run is a start error, with nothing left behind', async () => {
    const ours = () =>
      readdirSync(tmpdir())
        .filter((name) => name.startsWith('redis-harness-'))
        .sort();
    const before = ours();
    await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toBeInstanceOf(
      RedisServerStartError,
    );
    expect(ours()).toEqual(before);
  });
});
