import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const REDIS_INSTALL_HINT = 'apt-get install redis-server';

export class RedisServerMissingError extends Error {
  constructor() {
    super(`redis-server is not installed (not found on PATH): ${REDIS_INSTALL_HINT}`);
    this.name = 'RedisServerMissingError';
  }
}

export class RedisServerStartError extends Error {
  constructor(
    reason: string,
    readonly output: string,
  ) {
    super(`redis-server did not start: ${reason}${output ? `\n${output.trim()}` : ''}`);
    this.name = 'RedisServerStartError';
  }
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Stops the server and waits for it to exit; safe to call twice. */
  stop(): Promise<void>;
}

/** The redis-server binary on PATH, or undefined. */
export function findRedisServer(path: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** A port free on 127.0.0.1 just now, from the kernel. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new RedisServerStartError('no loopback port', '');
  return address.port;
}

/**
 * Starts a throwaway redis-server on a free loopback port: no persistence, its working
 * directory a temporary folder removed on stop. Resolves once it accepts connections.
 */
export async function startRedisServer(
  options: { readonly binary?: string; readonly readyTimeoutMs?: number } = {},
): Promise<RedisServer> {
  const binary = options.binary ?? findRedisServer();
  if (binary === undefined) throw new RedisServerMissingError();
  const port = await freeLoopbackPort();
  const dir = mkdtempSync(join(tmpdir(), 'redis-harness-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let spawnError: Error | undefined;
  // A binary that cannot be spawned emits 'error' and never 'exit'.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    await waitUntilAccepting(child, port, options.readyTimeoutMs ?? 5_000, () => spawnError);
  } catch (error) {
    if (spawnError === undefined) child.kill('SIGKILL');
    await exited;
    removeDir();
    throw error instanceof RedisServerStartError
      ? new RedisServerStartError(error.message.replace(/^redis-server did not start: /, ''), output)
      : error;
  }
  let stopping: Promise<void> | undefined;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        removeDir();
      })();
      return stopping;
    },
  };
  return server;
}

async function waitUntilAccepting(
  child: ChildProcess,
  port: number,
  timeoutMs: number,
  spawnError: () => Error | undefined,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    // Let a failed spawn report itself before the first probe.
    await new Promise((resolve) => setImmediate(resolve));
    const failed = spawnError();
    if (failed) throw new RedisServerStartError(failed.message, '');
    if (child.exitCode !== null) throw new RedisServerStartError(`it exited with code ${child.exitCode}`, '');
    if (await answersPing(port)) return;
    if (performance.now() > deadline)
      throw new RedisServerStartError(`no answer on port ${port} in ${timeoutMs} ms`, '');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True once something on the port answers PING with PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}
