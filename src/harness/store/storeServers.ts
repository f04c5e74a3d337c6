import type { StoreContext, StoreDefinition } from '../../stores/StoreDefinition.js';
import { postgresOnDemand, stopPostgresOnDemand } from './postgresOnDemand.js';
import { redisOnDemand, stopRedisOnDemand } from './redisOnDemand.js';

/** The address of the server `definition` needs, started on demand; empty for a store that needs none. */
export async function serverContextFor(definition: StoreDefinition): Promise<Partial<StoreContext>> {
  switch (definition.server) {
    case 'redis':
      return { redisUrl: (await redisOnDemand()).url };
    case 'postgres': {
      const server = await postgresOnDemand();
      return {
        postgres: {
          socketDir: server.socketDir,
          port: server.port,
          user: server.user,
          database: server.database,
          died: () => server.died(),
        },
      };
    }
    case undefined:
      return {};
  }
}

/** Stops every server started on demand in this process. */
export async function stopStoreServers(): Promise<void> {
  await Promise.all([stopRedisOnDemand(), stopPostgresOnDemand()]);
}
