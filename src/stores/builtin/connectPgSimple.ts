import { createRequire } from 'node:module';
import type { CallbackStore } from '../CallbackStore.js';
import { installedPackage } from '../installedPackage.js';
import { postgresPool } from '../postgresPool.js';
import type { PostgresConnection, StoreContext, StoreDefinition } from '../StoreDefinition.js';
import { StoreLoadError } from '../storeErrors.js';
import { sweepOnPeriods } from '../sweepOnPeriods.js';

const require = createRequire(import.meta.url);

export const DEFAULT_PRUNE_PERIOD_MS = 1_000;

interface PgStore extends CallbackStore {
  pruneSessions(callback: (error?: unknown) => void): void;
  query(text: string, values: unknown[], callback: (error?: unknown) => void): void;
  close(): Promise<void>;
}

type PgStoreFactory = (session: unknown) => new (options: Record<string, unknown>) => PgStore;

export function needPostgres(name: string, context: StoreContext, knownNames: readonly string[]): PostgresConnection {
  if (context.postgres === undefined) {
    throw new StoreLoadError(
      name,
      'it needs PostgreSQL: pass context.postgres (startPostgresServer() starts a private cluster)',
      knownNames,
    );
  }
  return context.postgres;
}

/**
 * connect-pg-simple with pg on PostgreSQL: one row per session with its expiry; `get`
 * filters out expired rows, and a prune (`DELETE ... WHERE expire < now`) on a timer
 * deletes them. Every timestamp it sends comes from `Date`, so from virtual time.
 */
export function connectPgSimpleDefinition(knownNames: readonly string[]): StoreDefinition {
  const { version } = installedPackage('connect-pg-simple');
  return {
    name: 'connect-pg-simple',
    packageName: 'connect-pg-simple',
    version,
    timers: 'real',
    keepsSessionObjects: false,
    server: 'postgres',
    time:
      'virtual: Date, hence every timestamp it sends (expiry, and "now" in its get filter and its prune); ' +
      'its prune timer (15 min of real time) is off, and the harness runs its own pruneSessions() at every ' +
      'checkPeriodMs of virtual time. Real: PostgreSQL, the SQL and its concurrency, the pool',
    async open(context) {
      const connection = needPostgres('connect-pg-simple', context, knownNames);
      const periodMs = context.checkPeriodMs ?? DEFAULT_PRUNE_PERIOD_MS;
      const pool = postgresPool(connection);
      const PGStore = (require('connect-pg-simple') as PgStoreFactory)(require('express-session'));
      const store = new PGStore({
        pool,
        createTableIfMissing: true,
        pruneSessionInterval: false,
        errorLog: () => {},
      });
      const run = (text: string) =>
        new Promise<void>((resolve, reject) => store.query(text, [], (error) => (error ? reject(error) : resolve())));
      try {
        // Through the store, so that its own table definition is created first; then empty it.
        await run('TRUNCATE "session"');
      } catch (error) {
        throw (
          connection.died?.() ??
          new StoreLoadError('connect-pg-simple', `cannot prepare its table: ${String(error)}`, knownNames, {
            cause: error,
          })
        );
      }
      const sweep = () =>
        new Promise<void>((resolve, reject) => store.pruneSessions((error) => (error ? reject(error) : resolve())));
      return {
        store,
        promise: {
          forgetsWithinMs: periodMs,
          how: `its prune deletes every row whose expire is past, every checkPeriodMs (${periodMs} ms)`,
        },
        // The rows as they are: no expiry filter, unlike its get().
        retainedSessionIds: async () =>
          (await pool.query('SELECT sid FROM "session" ORDER BY sid')).rows.map((row) => String(row.sid)),
        elapse: sweepOnPeriods(periodMs, sweep),
        sweep,
        unavailable: () => connection.died?.(),
        close: async () => {
          await store.close();
        },
      };
    },
  };
}
