import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { HarnessError } from '../errors.js';

export const POSTGRES_INSTALL_HINT = 'apt-get install postgresql';

/** The Debian package puts the server's programs here, one folder per major version, not on PATH. */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

export class PostgresMissingError extends HarnessError {
  constructor() {
    super(
      'store-load',
      `PostgreSQL is not installed (no initdb and postgres on PATH, in $POSTGRES_BIN_DIR or under ${DEBIAN_POSTGRES_ROOT}/*/bin): ${POSTGRES_INSTALL_HINT}`,
    );
    this.name = 'PostgresMissingError';
  }
}

/** initdb or the server failed, or it did not accept connections in time; nothing is left behind. */
export class PostgresStartError extends HarnessError {
  constructor(
    reason: string,
    readonly output: string,
  ) {
    super('store-load', `PostgreSQL did not start: ${reason}${output ? `\n${output.trim().slice(-2_000)}` : ''}`);
    this.name = 'PostgresStartError';
  }
}

/** The private cluster exited while a run still used it: the run cannot judge the store. */
export class PostgresDiedError extends HarnessError {
  constructor(how: string, output: string) {
    super(
      'job-failed',
      `PostgreSQL exited during the run (${how}); no verdict on the store${output ? `\n${output.trim().slice(-2_000)}` : ''}`,
    );
    this.name = 'PostgresDiedError';
  }
}

export interface PostgresServer {
  /** The folder holding the server's unix socket: `host` for the pg client. */
  readonly socketDir: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly pid: number;
  /** Set once the server exited without `stop()`: the error a run must end with. */
  died(): PostgresDiedError | undefined;
  /** Stops the server (fast shutdown), waits for it to exit and removes its folder; safe to call twice. */
  stop(): Promise<void>;
  /** For a process that is exiting: kills the server and removes its folder without waiting. */
  killNow(): void;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasServer(dir: string): boolean {
  return isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'postgres'));
}

/** The folder holding `initdb` and `postgres`: $POSTGRES_BIN_DIR, PATH, then Debian's newest version. */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const pinned = env.POSTGRES_BIN_DIR;
  if (pinned !== undefined && pinned !== '') return hasServer(pinned) ? pinned : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir !== '' && hasServer(dir)) return dir;
  let versions: string[] = [];
  try {
    versions = readdirSync(DEBIAN_POSTGRES_ROOT).filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const newest = versions
    .sort((a, b) => Number(b) - Number(a))
    .find((v) => hasServer(join(DEBIAN_POSTGRES_ROOT, v, 'bin')));
  return newest === undefined ? undefined : join(DEBIAN_POSTGRES_ROOT, newest, 'bin');
}

interface Account {
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

/**
 * Who runs the server: PostgreSQL refuses to run as root, so as root it runs as the
 * Debian package's `postgres` account; anyone else runs it as themselves.
 */
function serverAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // no account database: reported below
  }
  const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid, , home] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new PostgresStartError(
      `running as root and there is no postgres account to run it as (the server refuses root): ${POSTGRES_INSTALL_HINT} creates it`,
      '',
    );
  }
  return { uid: Number(uid), gid: Number(gid), home: home ?? '/' };
}

/** Whether every folder from `dir` up lets others through: the server's account must reach its folder. */
function traversableByOthers(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (dirname(current) === current) return true;
  }
}

/**
 * Where a cluster's folder is made: the temp folder, unless the server runs as another
 * account that cannot reach it (a private temp folder of root's); then the system's.
 */
export function clusterBaseDir(): string {
  if (process.getuid?.() !== 0) return tmpdir();
  return [tmpdir(), '/tmp', '/var/tmp'].find(traversableByOthers) ?? tmpdir();
}

const CLUSTER_USER = 'harness';
const CLUSTER_DATABASE = 'postgres';
/** The socket is named after the port; alone in its folder, any port is free. */
const SOCKET_PORT = 5432;

/**
 * Starts a private PostgreSQL cluster: `initdb` in a new temporary folder, the server
 * listening only on a unix socket in that folder (no TCP port to collide on), with
 * durability off since nothing outlives the run. Resolves once it answers a query.
 */
export async function startPostgresServer(
  options: { readonly binDir?: string; readonly readyTimeoutMs?: number } = {},
): Promise<PostgresServer> {
  const binDir = options.binDir ?? findPostgresBinDir();
  if (binDir === undefined) throw new PostgresMissingError();
  const account = serverAccount();
  const dir = mkdtempSync(join(clusterBaseDir(), 'postgres-harness-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  const data = join(dir, 'data');
  const asServer = account === undefined ? {} : { uid: account.uid, gid: account.gid };
  const env = { ...process.env, LC_ALL: 'C', ...(account ? { HOME: account.home } : {}) };
  try {
    if (account) chownSync(dir, account.uid, account.gid);
    await initdb(join(binDir, 'initdb'), data, { cwd: dir, env, ...asServer });
  } catch (error) {
    removeDir();
    throw error;
  }
  const args = [
    '-D',
    data,
    '-k',
    dir,
    '-p',
    String(SOCKET_PORT),
    '-c',
    'listen_addresses=',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ];
  const child = spawn(join(binDir, 'postgres'), args, {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...asServer,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  let stopping: Promise<void> | undefined;
  let died: PostgresDiedError | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      if (stopping === undefined) died = new PostgresDiedError(signal ? `signal ${signal}` : `code ${code}`, output);
      resolve();
    });
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  try {
    await waitUntilAnswering(child, dir, options.readyTimeoutMs ?? 15_000, () => spawnError);
  } catch (error) {
    stopping = Promise.resolve();
    if (spawnError === undefined) child.kill('SIGKILL');
    await exited;
    removeDir();
    throw error instanceof PostgresStartError
      ? new PostgresStartError(error.message.replace(/^PostgreSQL did not start: /, ''), output)
      : error;
  }
  return {
    socketDir: dir,
    port: SOCKET_PORT,
    user: CLUSTER_USER,
    database: CLUSTER_DATABASE,
    pid: child.pid ?? -1,
    died: () => died,
    stop() {
      stopping ??= (async () => {
        // SIGINT is PostgreSQL's fast shutdown: it ends every connection and exits.
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        await exited;
        removeDir();
      })();
      return stopping;
    },
    killNow() {
      stopping ??= Promise.resolve();
      try {
        // The backends notice their postmaster's death and exit by themselves.
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      } catch {
        // already gone
      }
      removeDir();
    },
  };
}

function initdb(
  binary: string,
  data: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; uid?: number; gid?: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ['-D', data, '-U', CLUSTER_USER, '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'],
      options,
      (error, stdout, stderr) => {
        if (error)
          reject(new PostgresStartError(`initdb failed: ${error.message.split('\n')[0]}`, `${stdout}${stderr}`));
        else resolve();
      },
    );
  });
}

async function waitUntilAnswering(
  child: ChildProcess,
  socketDir: string,
  timeoutMs: number,
  spawnError: () => Error | undefined,
): Promise<void> {
  const { default: pg } = await import('pg');
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const failed = spawnError();
    if (failed) throw new PostgresStartError(failed.message, '');
    if (child.exitCode !== null || child.signalCode !== null)
      throw new PostgresStartError(`it exited with ${child.exitCode ?? child.signalCode}`, '');
    const client = new pg.Client({
      host: socketDir,
      port: SOCKET_PORT,
      user: CLUSTER_USER,
      database: CLUSTER_DATABASE,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch {
      // not up yet
    } finally {
      await client.end().catch(() => {});
    }
    if (performance.now() > deadline) throw new PostgresStartError(`no answer on its socket in ${timeoutMs} ms`, '');
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}
