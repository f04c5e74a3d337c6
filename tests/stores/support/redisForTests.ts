import { afterAll, beforeAll, test } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../src/stores/redisServer.js';

/** Set when the environment opts out of Debian packages; then Redis tests skip and say why. */
export const REDIS_SKIP_REASON = (process.env.SKIP_SYSTEM_PACKAGES ?? '').split(/[\s,]+/).includes('redis-server')
  ? 'skipped: SKIP_SYSTEM_PACKAGES contains redis-server'
  : undefined;

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
  if (REDIS_SKIP_REASON !== undefined) test.skip(`${title} [${REDIS_SKIP_REASON}]`, body);
  else test(title, body, timeoutMs);
}
