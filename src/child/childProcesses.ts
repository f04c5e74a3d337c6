/** Something that can be killed at once: a child process of this one. */
interface Killable {
  readonly pid?: number | undefined;
  kill(signal?: NodeJS.Signals): boolean;
}

const live = new Set<Killable>();

/** Remembers a child until it exits, so a forced stop can take it down too. */
export function trackChildProcess(child: Killable & { once(event: 'exit', listener: () => void): unknown }): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** SIGKILLs every child still running: the last thing before a forced exit, so none is orphaned. */
export function killChildProcesses(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}
