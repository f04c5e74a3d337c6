import { type RedisServer, startRedisServer } from '../../stores/redisServer.js';

let running: Promise<RedisServer> | undefined;

/**
 * One redis-server for this process, started the first time a case needs one (on a free
 * loopback port) and stopped when the process ends, or by `stopRedisOnDemand`.
 */
export function redisOnDemand(): Promise<RedisServer> {
  running ??= startRedisServer().then((server) => {
    // However the process ends, a forced exit included, the server goes with it.
    process.once('exit', () => {
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // Already stopped.
      }
    });
    return server;
  });
  return running;
}

export async function stopRedisOnDemand(): Promise<void> {
  const server = running;
  running = undefined;
  await (await server)?.stop();
}
