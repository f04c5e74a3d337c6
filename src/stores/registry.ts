import { connectPgSimpleDefinition } from './builtin/connectPgSimple.js';
import { connectRedisDefinition } from './builtin/connectRedis.js';
import { connectSessionKnexDefinition } from './builtin/connectSessionKnex.js';
import { expressMemoryDefinition } from './builtin/expressMemory.js';
import { memorystoreDefinition } from './builtin/memorystore.js';
import { sessionFileStoreDefinition } from './builtin/sessionFileStore.js';
import type { StoreDefinition } from './StoreDefinition.js';

export const BUILTIN_STORE_NAMES = [
  'express-memory',
  'memorystore',
  'connect-redis',
  'connect-pg-simple',
  'session-file-store',
  'connect-session-knex',
] as const;
export type BuiltinStoreName = (typeof BUILTIN_STORE_NAMES)[number];

export function isBuiltinStoreName(name: string): name is BuiltinStoreName {
  return (BUILTIN_STORE_NAMES as readonly string[]).includes(name);
}

/** Reads the installed version as it is made, so a missing package fails here, by name. */
export function builtinStoreDefinition(name: BuiltinStoreName): StoreDefinition {
  switch (name) {
    case 'express-memory':
      return expressMemoryDefinition();
    case 'memorystore':
      return memorystoreDefinition();
    case 'connect-redis':
      return connectRedisDefinition(BUILTIN_STORE_NAMES);
    case 'connect-pg-simple':
      return connectPgSimpleDefinition(BUILTIN_STORE_NAMES);
    case 'session-file-store':
      return sessionFileStoreDefinition();
    case 'connect-session-knex':
      return connectSessionKnexDefinition(BUILTIN_STORE_NAMES);
  }
}
