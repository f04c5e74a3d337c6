// Loads a custom store module (the contract is in CustomStoreModule.ts) as a store definition.
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CallbackStore, isCallbackStore } from './CallbackStore.js';
import type { CustomStoreModule } from './CustomStoreModule.js';
import { type InstalledPackage, installedPackage, nearestPackageJson } from './installedPackage.js';
import type { StoreContext, StoreDefinition } from './StoreDefinition.js';
import { StoreLoadError } from './storeErrors.js';

/** A name that is meant as a file: relative or absolute, or ending like a module. */
export function looksLikeStorePath(nameOrPath: string): boolean {
  return /^\.{1,2}[\\/]|^[\\/]|^[A-Za-z]:[\\/]/.test(nameOrPath) || /\.(c|m)?(t|j)s$/.test(nameOrPath);
}

export async function customStoreDefinition(
  path: string,
  context: StoreContext,
  knownNames: readonly string[],
): Promise<StoreDefinition> {
  const file = resolve(context.cwd ?? process.cwd(), path);
  const fail = (reason: string, cause?: unknown): never => {
    throw new StoreLoadError(path, reason, knownNames, cause === undefined ? undefined : { cause });
  };
  if (!existsSync(file)) fail(`no such file ${file}`);
  let loaded: Partial<CustomStoreModule> = {};
  try {
    loaded = (await import(pathToFileURL(file).href)) as Partial<CustomStoreModule>;
  } catch (error) {
    fail(`importing it threw: ${String(error)}`, error);
  }
  const custom = validate(loaded, fail);
  const identity = storeIdentity(custom, file, fail);
  return {
    name: path,
    packageName: identity.name,
    version: identity.version,
    timers: custom.timers ?? 'in-process',
    keepsSessionObjects: custom.keepsSessionObjects ?? false,
    async open(openContext) {
      let store: unknown;
      try {
        store = await custom.createStore(openContext);
      } catch (error) {
        fail(`createStore(context) threw: ${String(error)}`, error);
      }
      if (!isCallbackStore(store)) fail('createStore(context) did not return a store with get, set and destroy');
      const made = store as CallbackStore;
      const probe = custom.retainedSessionIds;
      const close = custom.closeStore;
      const within = custom.forgetsExpiredWithinMs;
      return {
        store: made,
        promise:
          within === undefined
            ? { forgetsWithinMs: undefined, how: 'none declared (forgetsExpiredWithinMs is not exported)' }
            : { forgetsWithinMs: within, how: `declared by the module: within ${within} ms of expiry` },
        ...(probe ? { retainedSessionIds: async () => [...(await probe(made))] } : {}),
        ...(close ? { close: async () => close(made) } : {}),
      };
    },
  };
}

/**
 * The package and version a report names: what the adapter declares, the version of the
 * declared package as installed where the adapter resolves it, or else the package.json
 * nearest to the adapter. Failing all those, the file's name, unversioned.
 */
function storeIdentity(custom: CustomStoreModule, file: string, fail: (reason: string) => never): InstalledPackage {
  const declared = custom.storePackage;
  if (declared !== undefined) {
    if (custom.storeVersion !== undefined) return { name: declared, version: custom.storeVersion };
    try {
      return installedPackage(declared, pathToFileURL(file).href);
    } catch {
      fail(
        `it declares storePackage '${declared}', which is not installed where the adapter is: install it, or export storeVersion too`,
      );
    }
  }
  const owner = nearestPackageJson(dirname(file));
  return { name: owner?.name ?? basename(file), version: owner?.version ?? 'unversioned' };
}

function validate(loaded: Partial<CustomStoreModule>, fail: (reason: string) => never): CustomStoreModule {
  if (typeof loaded.createStore !== 'function') fail('it does not export a function createStore(context)');
  const within = loaded.forgetsExpiredWithinMs;
  if (within !== undefined && !(Number.isFinite(within) && within >= 0)) {
    fail(`forgetsExpiredWithinMs must be a number of ms >= 0, got ${String(within)}`);
  }
  if (loaded.timers !== undefined && loaded.timers !== 'in-process' && loaded.timers !== 'real') {
    fail(`timers must be 'in-process' or 'real', got ${String(loaded.timers)}`);
  }
  for (const field of ['storePackage', 'storeVersion'] as const) {
    const value = loaded[field];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      fail(`${field} must be a non-empty string, got ${String(value)}`);
    }
  }
  if (loaded.storeVersion !== undefined && loaded.storePackage === undefined) {
    fail('it exports storeVersion without storePackage: declare the package the version belongs to');
  }
  if (loaded.retainedSessionIds !== undefined && typeof loaded.retainedSessionIds !== 'function') {
    fail('retainedSessionIds must be a function of the store');
  }
  return loaded as CustomStoreModule;
}
