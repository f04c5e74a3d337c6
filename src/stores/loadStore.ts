import { customStoreDefinition, looksLikeStorePath } from './customStore.js';
import { PackageNotInstalledError } from './installedPackage.js';
import { BUILTIN_STORE_NAMES, builtinStoreDefinition, isBuiltinStoreName } from './registry.js';
import type { StoreContext, StoreDefinition } from './StoreDefinition.js';
import { StoreUnderTest } from './StoreUnderTest.js';
import { StoreLoadError, UnknownStoreError } from './storeErrors.js';

/**
 * The definition of a built-in store by name or a custom one by path, without opening
 * it: the harness reads `timers` first to know which clock to install before the store
 * starts its own timers.
 */
export async function resolveStoreDefinition(nameOrPath: string, context: StoreContext = {}): Promise<StoreDefinition> {
  if (isBuiltinStoreName(nameOrPath)) {
    try {
      return builtinStoreDefinition(nameOrPath);
    } catch (error) {
      if (error instanceof PackageNotInstalledError) {
        throw new StoreLoadError(nameOrPath, error.message, BUILTIN_STORE_NAMES, { cause: error });
      }
      throw error;
    }
  }
  if (looksLikeStorePath(nameOrPath)) return customStoreDefinition(nameOrPath, context, BUILTIN_STORE_NAMES);
  throw new UnknownStoreError(nameOrPath, BUILTIN_STORE_NAMES);
}

/** Opens a fresh, empty store of `definition` behind the promise wrapper. */
export async function openStore(definition: StoreDefinition, context: StoreContext = {}): Promise<StoreUnderTest> {
  let opened: Awaited<ReturnType<StoreDefinition['open']>>;
  try {
    opened = await definition.open(context);
  } catch (error) {
    if (error instanceof StoreLoadError) throw error;
    throw new StoreLoadError(definition.name, `opening it threw: ${String(error)}`, BUILTIN_STORE_NAMES, {
      cause: error,
    });
  }
  return new StoreUnderTest(definition, opened, context.callbackTimeoutMs);
}

/** A fresh store by name (`express-memory`, `memorystore`, `connect-redis`) or module path. */
export async function loadStore(nameOrPath: string, context: StoreContext = {}): Promise<StoreUnderTest> {
  return openStore(await resolveStoreDefinition(nameOrPath, context), context);
}
