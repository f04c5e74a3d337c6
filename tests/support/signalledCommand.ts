import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { HEAP_VERDICT_NODE_FLAGS } from '../../src/child/nodeFlags.js';
import { REPO_ROOT } from '../../src/repoRoot.js';

export interface SignalledRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** From the signal to the exit of the process signalled. */
  readonly stopMs: number;
  readonly output: string;
}

/** Processes whose environment carries `marker`: what a stopped command left running. */
export function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`SIGNAL_TEST_MARKER=${marker}`)) {
        found.push(Number(entry));
      }
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/**
 * Starts a project command in a process group of its own, as a terminal would (through
 * npm, or node directly), waits until its output matches `ready`, sends `signal` to the
 * whole group or to the first process alone, and waits for that process to exit.
 */
export async function signalledCommand(options: {
  readonly command: string;
  readonly args: readonly string[];
  readonly reportsDir: string;
  readonly marker: string;
  readonly ready: RegExp;
  readonly signal: 'SIGINT' | 'SIGTERM';
  readonly to: 'group' | 'process';
  /** What starts node: nothing, `npm run`, or a shell that outlives it and would not pass a signal on. */
  readonly via?: 'node' | 'npm' | 'shell';
  readonly readyTimeoutMs?: number;
}): Promise<SignalledRun> {
  const env = { ...process.env, REPORTS_DIR: options.reportsDir, SIGNAL_TEST_MARKER: options.marker };
  const nodeArgs = [...HEAP_VERDICT_NODE_FLAGS, '--import', 'tsx', 'src/cli/main.ts', options.command, ...options.args];
  const spawnOptions = { cwd: REPO_ROOT, env, detached: true };
  const via = options.via ?? 'node';
  const child: ChildProcess =
    via === 'npm'
      ? spawn('npm', ['run', '-s', options.command, '--', ...options.args], spawnOptions)
      : via === 'shell'
        ? spawn(
            'sh',
            ['-c', `${[process.execPath, ...nodeArgs].map((arg) => `'${arg}'`).join(' ')}; true`],
            spawnOptions,
          )
        : spawn(process.execPath, nodeArgs, spawnOptions);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no output matching ${options.ready} within the time; got:\n${output}`)),
      options.readyTimeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the command ended before it was ready:\n${output}`));
    });
  });
  const pid = child.pid as number;
  const sentAt = performance.now();
  process.kill(options.to === 'group' ? -pid : pid, options.signal);
  const { code, signal } = await exited;
  const stopMs = performance.now() - sentAt;
  // Let the last of the output arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { code, signal, stopMs, output };
}

/** Waits a little for children to go; returns whatever is still running. */
export async function leftRunning(marker: string, graceMs = 3_000): Promise<number[]> {
  const until = Date.now() + graceMs;
  let running = processesMarked(marker);
  while (running.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    running = processesMarked(marker);
  }
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return running;
}
