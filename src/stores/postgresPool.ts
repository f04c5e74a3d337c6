import { createRequire } from 'node:module';
import type { PostgresConnection } from './StoreDefinition.js';

const require = createRequire(import.meta.url);

/** The few pool calls used here. */
export interface Pool {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/** Anything holding connections to a cluster, ended before the cluster stops. */
interface Closable {
  end(): Promise<void>;
}

const shared = new Map<string, Map<string, Closable>>();

function clusterKey(connection: Pick<PostgresConnection, 'socketDir' | 'port'>): string {
  return `${connection.socketDir}:${connection.port}`;
}

/**
 * One connection holder of each kind per cluster for the process, shared by every case:
 * PostgreSQL forks a backend per connection, so a pool per case would spend most of a
 * case connecting.
 */
export function sharedPerCluster<T extends Closable>(connection: PostgresConnection, kind: string, make: () => T): T {
  const key = clusterKey(connection);
  const holders = shared.get(key) ?? new Map<string, Closable>();
  shared.set(key, holders);
  const known = holders.get(kind);
  if (known) return known as T;
  const made = make();
  holders.set(kind, made);
  return made;
}

/** The pg pool of a cluster (see `sharedPerCluster`); its errors (a server gone) surface as failed calls. */
export function postgresPool(connection: PostgresConnection): Pool {
  return sharedPerCluster(connection, 'pg', () => {
    const { Pool } = require('pg') as { Pool: new (config: Record<string, unknown>) => Pool };
    const pool = new Pool({
      host: connection.socketDir,
      port: connection.port,
      user: connection.user,
      database: connection.database,
      max: 8,
      // Idle connections never keep the process alive.
      allowExitOnIdle: true,
    });
    pool.on('error', () => {
      // an idle client lost: the next query fails and says so
    });
    return pool;
  });
}

/** Ends every shared connection holder of a cluster, before it stops. */
export async function endSharedConnections(connection: Pick<PostgresConnection, 'socketDir' | 'port'>): Promise<void> {
  const key = clusterKey(connection);
  const holders = shared.get(key);
  shared.delete(key);
  await Promise.all([...(holders?.values() ?? [])].map((holder) => holder.end().catch(() => {})));
}
