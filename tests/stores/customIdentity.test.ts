import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveStoreDefinition } from '../../src/stores/loadStore.js';
import { StoreLoadError } from '../../src/stores/storeErrors.js';
import { temporaryDir } from '../support/tempDir.js';

// What a report names for a custom store: the package the adapter loads and its version.

const STORE = `
export function createStore() {
  const sessions = new Map();
  return {
    get: (sid, cb) => cb(null, sessions.get(sid)),
    set: (sid, s, cb) => { sessions.set(sid, s); cb(null); },
    destroy: (sid, cb) => { sessions.delete(sid); cb(null); },
  };
}
`;

function adapter(dir: string, extra: string, file = 'adapter.mjs'): string {
  const path = join(dir, file);
  writeFileSync(path, `${STORE}${extra}\n`);
  return path;
}

describe('a custom store names the package it tests', () => {
  test('declared with storePackage: the version installed where the adapter resolves it', async () => {
    const definition = await resolveStoreDefinition('./tests/stores/fixtures/declaredPackageStore.ts');
    expect([definition.packageName, definition.version]).toEqual(['memorystore', '1.6.8']);
  });

  test('declared with storePackage and storeVersion: both as declared', async () => {
    const path = adapter(
      temporaryDir(),
      "export const storePackage = 'session-memory-store';\nexport const storeVersion = '1.0.0';",
    );
    const definition = await resolveStoreDefinition(path);
    expect(`${definition.packageName} ${definition.version}`).toBe('session-memory-store 1.0.0');
  });

  test("undeclared: the package.json nearest to the adapter, as in a store's own repository", async () => {
    const repo = temporaryDir();
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'session-memory-store', version: '2.3.4' }));
    const definition = await resolveStoreDefinition(adapter(repo, ''));
    expect(`${definition.packageName} ${definition.version}`).toBe('session-memory-store 2.3.4');
  });

  test('a declared package that is not installed, or a version without a package, is a load error saying what to do', async () => {
    const missing = adapter(temporaryDir(), "export const storePackage = 'no-such-session-store';");
    await expect(resolveStoreDefinition(missing)).rejects.toThrow(
      /declares storePackage 'no-such-session-store', which is not installed where the adapter is/,
    );
    const orphan = adapter(temporaryDir(), "export const storeVersion = '1.0.0';");
    const error = await resolveStoreDefinition(orphan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLoadError);
    expect((error as Error).message).toContain('storeVersion without storePackage');
  });
});
