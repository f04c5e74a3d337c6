import type { CallbackStore } from '../CallbackStore.js';
import { installedPackage } from '../installedPackage.js';
import type { StoreContext, StoreDefinition } from '../StoreDefinition.js';
import { StoreLoadError } from '../storeErrors.js';

export const DEFAULT_REDIS_PREFIX = 'sess:';

/** The few client calls used here; the client's own generic types are far wider than needed. */
interface RedisConnection {
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
  sendCommand(args: string[]): Promise<unknown>;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * Moves every key under the prefix `ARGV[1]` ms closer to expiry, deleting those that reach
 * zero, in one atomic script: Redis keeps real TTLs, so virtual time is applied to them.
 */
const ELAPSE_SCRIPT = `
local elapsed = tonumber(ARGV[1])
local dropped = 0
for _, key in ipairs(redis.call('KEYS', ARGV[2])) do
  local left = redis.call('PTTL', key)
  if left >= 0 then
    if left - elapsed <= 0 then
      redis.call('DEL', key)
      dropped = dropped + 1
    else
      redis.call('PEXPIRE', key, left - elapsed)
    end
  end
end
return dropped
`;

/** A glob that matches exactly the keys starting with `prefix`. */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
}

/**
 * connect-redis on a real Redis: each session a key with a TTL of the cookie's
 * remaining lifetime, so Redis itself forgets it when the TTL runs out.
 */
export function connectRedisDefinition(knownNames: readonly string[]): StoreDefinition {
  const { version } = installedPackage('connect-redis');
  return {
    name: 'connect-redis',
    packageName: 'connect-redis',
    version,
    timers: 'real',
    keepsSessionObjects: false,
    server: 'redis',
    time:
      "virtual: Date, and the keys' TTLs, which the harness lowers by each step of virtual time with one script; " +
      'real: Redis, its commands and their interleaving, and the real milliseconds a case takes (Redis keeps counting them)',
    async open(context: StoreContext) {
      const url = context.redisUrl;
      if (url === undefined) {
        throw new StoreLoadError(
          'connect-redis',
          'it needs a Redis server: pass context.redisUrl (startRedisServer() starts one)',
          knownNames,
        );
      }
      const prefix = context.redisPrefix ?? DEFAULT_REDIS_PREFIX;
      const pattern = prefixPattern(prefix);
      const { createClient } = await import('redis');
      const { RedisStore } = await import('connect-redis');
      // Fail at once rather than retry: a missing server is a setup error.
      const client = createClient({ url, socket: { reconnectStrategy: false } }) as unknown as RedisConnection;
      let lastError: unknown;
      client.on('error', (error) => {
        lastError = error;
      });
      try {
        await client.connect();
      } catch (error) {
        try {
          client.destroy();
        } catch {
          // a client that never connected has nothing to release
        }
        throw new StoreLoadError('connect-redis', `cannot connect to Redis at ${url}: ${String(error)}`, knownNames, {
          cause: lastError ?? error,
        });
      }
      const keys = async () => (await client.sendCommand(['KEYS', pattern])) as string[];
      const dropAll = async () => {
        const held = await keys();
        if (held.length > 0) await client.sendCommand(['DEL', ...held]);
      };
      // A run starts from an empty prefix whatever an earlier, interrupted run left.
      await dropAll();
      const store = new RedisStore({ client, prefix }) as unknown as CallbackStore;
      return {
        store,
        promise: {
          forgetsWithinMs: 0,
          how: 'each key carries the session TTL; Redis forgets it when the TTL runs out',
        },
        // Redis never answers an expired key to any command, KEYS included, so what KEYS
        // lists is what it holds; connect-redis keeps nothing in the process.
        retainedSessionIds: async () => (await keys()).map((key) => key.slice(prefix.length)).sort(),
        elapse: async (ms) => {
          await client.sendCommand(['EVAL', ELAPSE_SCRIPT, '0', String(ms), pattern]);
        },
        close: async () => {
          try {
            await dropAll();
          } finally {
            await client.close();
          }
        },
      };
    },
  };
}
