import { endSharedConnections } from '../../stores/postgresPool.js';
import { type PostgresServer, startPostgresServer } from '../../stores/postgresServer.js';

let running: Promise<PostgresServer> | undefined;

/**
 * One private PostgreSQL cluster for this process, started the first time a case needs
 * one and stopped when the process ends, or by `stopPostgresOnDemand`.
 */
export function postgresOnDemand(): Promise<PostgresServer> {
  running ??= startPostgresServer().then((server) => {
    // However the process ends, a forced exit or Ctrl-C included, the cluster and its folder go with it.
    process.once('exit', () => server.killNow());
    return server;
  });
  const started = running;
  // A cluster that failed to start is tried again by the next run, not cached as a failure.
  started.catch(() => {
    if (running === started) running = undefined;
  });
  return started;
}

export async function stopPostgresOnDemand(): Promise<void> {
  const server = running;
  running = undefined;
  const started = await server?.catch(() => undefined);
  if (started === undefined) return;
  await endSharedConnections(started);
  await started.stop();
}
