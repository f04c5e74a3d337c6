import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../src/stores/redisServer.js';
import { skipReason, testNeeding } from '../../support/systemPackages.js';

const REDIS_SKIP_REASON = skipReason('redis-server');

/**
 * One redis-server for the file, started before its tests and stopped after. Without
 * the binary the tests fail with the install hint, unless `REDIS_SKIP_REASON` is set.
 */
export function useRedisServer(): () => RedisServer {
  let server: RedisServer | undefined;
  if (REDIS_SKIP_REASON !== undefined) {
    return () => {
      throw new Error(`no redis-server: ${REDIS_SKIP_REASON}`);
    };
  }
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('redis-server did not start (see the error of beforeAll)');
    return server;
  };
}

/** A test that needs Redis: skipped, with the reason in its title, only when the environment says so. */
export function redisTest(title: string, body: () => Promise<void>, timeoutMs?: number): void {
  testNeeding('redis-server', title, body, timeoutMs);
}
