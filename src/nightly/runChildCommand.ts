import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../harness/repoRoot.js';

export interface ChildResult {
  /** Exit code, or null when a signal or the timeout ended it. */
  readonly code: number | null;
  readonly stdout: string;
  /** The last lines the child wrote to stderr, for a message when it failed. */
  readonly stderrTail: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
}

export interface ChildOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Each stderr line as it comes: the child's progress, passed on to ours. */
  readonly onStderrLine?: (line: string) => void;
  readonly nodeFlags?: readonly string[];
}

const STDERR_TAIL_LINES = 20;

/** Runs one of the project's TypeScript commands in its own node process. */
export function runChildCommand(script: string, args: readonly string[], options: ChildOptions): Promise<ChildResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const tail: string[] = [];
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      options.onStderrLine?.(line);
    }
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (partial.trim() !== '') tail.push(partial);
      resolve({ code, stdout, stderrTail: tail.join('\n'), durationMs: performance.now() - started, timedOut });
    });
  });
}
