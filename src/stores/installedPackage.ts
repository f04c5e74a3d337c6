import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
}

export class PackageNotInstalledError extends Error {
  constructor(
    readonly packageName: string,
    options?: { cause?: unknown },
  ) {
    super(`package "${packageName}" is not installed: run npm ci`, options);
    this.name = 'PackageNotInstalledError';
  }
}

/**
 * The exact version installed, read from the package's own package.json. Found by
 * walking up from its resolved entry point: packages with an `exports` map (connect-redis)
 * do not let `package.json` itself be resolved.
 */
export function installedPackage(packageName: string, from: string = import.meta.url): InstalledPackage {
  let entry: string;
  try {
    entry = createRequire(from).resolve(packageName);
  } catch (error) {
    throw new PackageNotInstalledError(packageName, { cause: error });
  }
  const found = nearestPackageJson(dirname(entry), (manifest) => manifest.name === packageName);
  if (!found) throw new PackageNotInstalledError(packageName);
  return found;
}

/** The first package.json at or above `dir` that `accept` takes, or undefined. */
export function nearestPackageJson(
  dir: string,
  accept: (manifest: { name?: unknown; version?: unknown }) => boolean = () => true,
): InstalledPackage | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const manifest = readManifest(join(current, 'package.json'));
    if (manifest && accept(manifest) && typeof manifest.name === 'string' && typeof manifest.version === 'string') {
      return { name: manifest.name, version: manifest.version };
    }
    if (dirname(current) === current) return undefined;
  }
}

function readManifest(file: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}
