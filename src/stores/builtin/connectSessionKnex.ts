import { createRequire } from 'node:module';
import type { CallbackStore } from '../CallbackStore.js';
import { installedPackage } from '../installedPackage.js';
import { sharedPerCluster } from '../postgresPool.js';
import type { PostgresConnection, StoreDefinition } from '../StoreDefinition.js';
import { StoreLoadError } from '../storeErrors.js';
import { sweepOnPeriods } from '../sweepOnPeriods.js';
import { DEFAULT_PRUNE_PERIOD_MS, needPostgres } from './connectPgSimple.js';

const require = createRequire(import.meta.url);

const TABLE = 'sessions';

/** The few knex calls used here. */
interface Knex {
  raw(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  destroy(): Promise<void>;
}

interface KnexStore extends CallbackStore {
  readonly ready: Promise<void>;
  dbCleanup(): Promise<void>;
}

type KnexStoreClass = new (options: Record<string, unknown>) => KnexStore;

/** One knex (and its pool) per cluster, as an app would have: configured as its README shows, `client: 'pg'`. */
function knexFor(connection: PostgresConnection): Knex {
  const holder = sharedPerCluster(connection, 'knex', () => {
    const knex = require('knex') as (config: Record<string, unknown>) => Knex;
    const made = knex({
      client: 'pg',
      connection: {
        host: connection.socketDir,
        port: connection.port,
        user: connection.user,
        database: connection.database,
      },
      pool: { min: 0, max: 8 },
    });
    // The cluster's shutdown destroys its pool first.
    return { knex: made, end: () => made.destroy() };
  });
  return holder.knex;
}

/**
 * connect-session-knex 5 with knex and pg on PostgreSQL: one row per session with its
 * expiry. Its get() and all() filter out expired rows; a cleanup on a timer deletes them.
 * Without a server version in the knex config (as its README configures it) a save is a
 * transaction that selects the row FOR UPDATE and then inserts or updates it.
 */
export function connectSessionKnexDefinition(knownNames: readonly string[]): StoreDefinition {
  const { version } = installedPackage('connect-session-knex');
  return {
    name: 'connect-session-knex',
    packageName: 'connect-session-knex',
    version,
    timers: 'real',
    keepsSessionObjects: false,
    server: 'postgres',
    time:
      'virtual: Date, hence every timestamp it sends (expiry, and "now" in its filters and its cleanup); its ' +
      'cleanup timer is off (cleanupInterval 0), and the harness runs its own dbCleanup() at every checkPeriodMs ' +
      'of virtual time. Real: PostgreSQL, the SQL, its transactions and their concurrency, the knex pool',
    async open(context) {
      const connection = needPostgres('connect-session-knex', context, knownNames);
      const periodMs = context.checkPeriodMs ?? DEFAULT_PRUNE_PERIOD_MS;
      const knex = knexFor(connection);
      const { ConnectSessionKnexStore } = require('connect-session-knex') as {
        ConnectSessionKnexStore: KnexStoreClass;
      };
      let cleanupError: unknown;
      const store = new ConnectSessionKnexStore({
        knex: knex as unknown,
        tableName: TABLE,
        cleanupInterval: 0,
        onDbCleanupError: (error: unknown) => {
          cleanupError = error;
        },
      });
      try {
        await store.ready;
        await knex.raw(`TRUNCATE "${TABLE}"`);
      } catch (error) {
        throw (
          connection.died?.() ??
          new StoreLoadError('connect-session-knex', `cannot prepare its table: ${String(error)}`, knownNames, {
            cause: error,
          })
        );
      }
      const sweep = async () => {
        cleanupError = undefined;
        await store.dbCleanup();
        if (cleanupError !== undefined) throw cleanupError;
      };
      return {
        store,
        promise: {
          forgetsWithinMs: periodMs,
          how: `its cleanup deletes every row whose expiry is past, every checkPeriodMs (${periodMs} ms)`,
        },
        retainedSessionIds: async () =>
          (await knex.raw(`SELECT sid FROM "${TABLE}" ORDER BY sid`)).rows.map((row) => String(row.sid)),
        elapse: sweepOnPeriods(periodMs, sweep),
        sweep,
        unavailable: () => connection.died?.(),
      };
    },
  };
}
