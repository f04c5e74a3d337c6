import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallbackStore } from '../CallbackStore.js';
import { installedPackage } from '../installedPackage.js';
import type { StoreDefinition } from '../StoreDefinition.js';
import { sweepOnPeriods } from '../sweepOnPeriods.js';

const require = createRequire(import.meta.url);

export const DEFAULT_REAP_PERIOD_MS = 1_000;
const FILE_EXTENSION = '.json';

interface FileStoreInstance extends CallbackStore {
  readonly options: Record<string, unknown>;
}

type FileStoreFactory = (session: unknown) => new (options: Record<string, unknown>) => FileStoreInstance;

interface FileStoreHelpers {
  list(options: Record<string, unknown>, callback: (error: unknown, files?: string[]) => void): void;
  sessionId(options: Record<string, unknown>, file: string): string;
  destroyIfExpired(sessionId: string, options: Record<string, unknown>, callback: (error?: unknown) => void): void;
}

/**
 * session-file-store: one JSON file per session in a folder; `get` ignores a file whose
 * `__lastAccess + originalMaxAge` is past, and a reaper on a timer reads every file and
 * unlinks the expired ones. Each case gets a new temporary folder.
 */
export function sessionFileStoreDefinition(): StoreDefinition {
  const { version } = installedPackage('session-file-store');
  return {
    name: 'session-file-store',
    packageName: 'session-file-store',
    version,
    // Its reads retry on timers and its writes go through fs: real timers, faked Date.
    timers: 'real',
    keepsSessionObjects: false,
    time:
      'virtual: Date, hence every __lastAccess it stamps and every expiry it checks; its reap interval (an hour of ' +
      'real time) is off, and the harness runs its own reap at every checkPeriodMs of virtual time. Real: the files, ' +
      'their reads, writes and unlinks, and how they interleave',
    async open(context) {
      const periodMs = context.checkPeriodMs ?? DEFAULT_REAP_PERIOD_MS;
      const dir = mkdtempSync(join(tmpdir(), 'session-file-store-'));
      const FileStore = (require('session-file-store') as FileStoreFactory)(require('express-session'));
      const helpers = require('session-file-store/lib/session-file-helpers') as FileStoreHelpers;
      const store = new FileStore({
        path: dir,
        fileExtension: FILE_EXTENSION,
        // No reap timer: the harness reaps on virtual time. No read retries: a missing file
        // would otherwise cost five real waits before get() answers "none".
        reapInterval: -1,
        retries: 0,
        logFn: () => {},
      });
      // Its reap, file by file: list, then read each and unlink it if expired. Its own reap()
      // calls back once the last-listed file is done, not all of them, so a probe right after
      // would see files it is still unlinking; this waits for every one.
      const sweep = async () => {
        const files = await new Promise<string[]>((resolve, reject) =>
          helpers.list(store.options, (error, listed) => (error ? reject(error) : resolve(listed ?? []))),
        );
        await Promise.all(
          files.map(
            (file) =>
              new Promise<void>((resolve, reject) =>
                helpers.destroyIfExpired(helpers.sessionId(store.options, file), store.options, (error) =>
                  error && (error as { code?: unknown }).code !== 'ENOENT' ? reject(reapError(error)) : resolve(),
                ),
              ),
          ),
        );
      };
      return {
        store,
        promise: {
          forgetsWithinMs: periodMs,
          how: `its reaper unlinks every expired session file, every checkPeriodMs (${periodMs} ms)`,
        },
        // The files as they are; its get() would skip an expired one, its reap delete it.
        retainedSessionIds: async () =>
          readdirSync(dir)
            .filter((file) => file.endsWith(FILE_EXTENSION))
            .map((file) => file.slice(0, -FILE_EXTENSION.length))
            .sort(),
        elapse: sweepOnPeriods(periodMs, sweep),
        sweep,
        close: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  };
}

function reapError(errors: unknown): Error {
  const list = Array.isArray(errors) ? errors : [errors];
  return new Error(`its reap failed: ${list.map(String).join('; ')}`);
}
